// Fuzz target: the assessment file reader (qcity.assessment/1 JSON), what `qcity validate`, the app's
// import and the page API's load() read. A file that reads is validated, judged and shown, and must
// survive a write/read round trip unchanged. The county workflow's members (evidence, sign-off,
// sources, a submission) are read here too: a file that reads is checked against its submission,
// frozen and checked again (unchanged), and merged with itself (no conflicts).
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
    SubmissionCheck check = check_submission(qfuzz::catalog(), a);
    FUZZ_CHECK(check.sha256_now.size() == 64);
    for (const ContentChange& ch : check.changes) (void)content_change_text(ch);
    Assessment frozen = freeze(a, "2026-12-06T05:00:00Z");
    FUZZ_CHECK(check_submission(qfuzz::catalog(), frozen).state == SubmissionState::unchanged);
    MergeResult merged;
    std::vector<Problem> problems;
    if (merge_assessments(qfuzz::catalog(), {a, a}, {"a", "b"}, {}, merged, problems)) FUZZ_CHECK(merged.unsettled() == 0);
    // Unusual changes (issue 16) against the same file a year earlier: nothing moved, nothing flagged;
    // against it with every figure doubled and then confirmed, the warnings rest.
    if (a.year <= -1000000 || a.year >= 1000000) return 0;
    Assessment earlier = a;
    earlier.year = a.year - 1;
    FUZZ_CHECK(unusual_changes(qfuzz::catalog(), a, earlier).empty());
    Assessment later = a;
    later.year = a.year + 1;
    for (auto& [key, v] : later.figures)
        if (v.type == FigureValue::Type::integer && v.i >= 0 && v.i < kMaxCount / 10) v.i *= 10;
    for (const UnusualChange& u : find_unusual_changes(qfuzz::catalog(), later, a)) {
        (void)u.message;
        confirm_figure(later, u.key, "checked");
    }
    FUZZ_CHECK(unusual_changes(qfuzz::catalog(), later, a).empty());
    return 0;
}
