// Fuzz target: the assessment file reader (qcity.assessment/1 JSON), what `qcity validate`, the app's
// import and the page API's load() read. A file that reads is validated, judged and shown, and must
// survive a write/read round trip unchanged.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qcity;
    Assessment a;
    Problem error;
    if (!read_assessment(qfuzz::as_text(data, size), &qfuzz::catalog(), a, error)) {
        FUZZ_CHECK(!error.message.zh.empty() && !error.message.en.empty());
        return 0;
    }
    (void)validate(qfuzz::catalog(), a);
    qfuzz::show_everything(a);
    // What we write, we read back as the same assessment.
    const std::string written = write_assessment(a);
    Assessment again;
    Problem again_error;
    FUZZ_CHECK(read_assessment(written, &qfuzz::catalog(), again, again_error));
    FUZZ_CHECK(again == a);
    return 0;
}
