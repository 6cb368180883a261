// Fuzz target: the figures CSV reader (a template filled in Excel or WPS and imported back), and the
// CSV splitter under it. A file that reads is judged and shown.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qcity;
    const std::string_view text = qfuzz::as_text(data, size);
    CsvRows rows;
    Problem split_error;
    if (parse_csv(text, rows, split_error)) {
        // What we write, we split back into the same cells (cells never hold a lone CR or the BOM
        // we add; write_csv quotes the rest).
        const std::string again_text = write_csv(rows);
        CsvRows again;
        Problem again_error;
        FUZZ_CHECK(parse_csv(again_text, again, again_error));
    }
    Assessment a;
    Problem error;
    if (!read_figures_csv(text, qfuzz::catalog(), a, error)) {
        FUZZ_CHECK(!error.message.zh.empty() && !error.message.en.empty());
        return 0;
    }
    (void)validate(qfuzz::catalog(), a);
    qfuzz::show_everything(a);
    // The workflow's rows (#department, #signoff.*, #evidence) read into a content that hashes.
    FUZZ_CHECK(content_sha256(a).size() == 64);
    return 0;
}
