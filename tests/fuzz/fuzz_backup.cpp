// Fuzz target: the backup reader (qcity.backup/1, "back up everything" restored by import). A backup
// that reads is written again and must read back with the same entries.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qcity;
    const std::string_view text = qfuzz::as_text(data, size);
    (void)looks_like_backup(text);
    Backup b;
    Problem error;
    if (!read_backup(text, &qfuzz::catalog(), b, error)) {
        FUZZ_CHECK(!error.message.zh.empty() && !error.message.en.empty());
        return 0;
    }
    for (const Problem& p : b.bad) FUZZ_CHECK(!p.message.zh.empty() && !p.message.en.empty());
    const std::string written = write_backup(b.entries, 1796450580000.0, "qcity fuzz");
    Backup again;
    Problem again_error;
    FUZZ_CHECK(read_backup(written, &qfuzz::catalog(), again, again_error));
    FUZZ_CHECK(again.entries.size() == b.entries.size());
    FUZZ_CHECK(again.bad.empty());
    for (size_t i = 0; i < b.entries.size(); ++i) FUZZ_CHECK(again.entries[i].assessment == b.entries[i].assessment);
    return 0;
}
