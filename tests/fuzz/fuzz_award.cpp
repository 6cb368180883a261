// Fuzz target: the award and scoring-model loaders (assets/awards/*.json, assets/scoring/*.json).
// The first byte picks the loader; a loaded award is checked against the catalog.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qcity;
    if (size == 0) return 0;
    const std::string_view text = qfuzz::as_text(data + 1, size - 1);
    std::vector<Problem> problems;
    if (data[0] & 1) {
        ScoreModel m;
        if (!load_score_model(text, m, problems)) FUZZ_CHECK(!problems.empty());
        else
            for (int p = -5; p <= 105; p += 5) (void)m.band_of(p);
        return 0;
    }
    AwardDef award;
    if (!load_award(text, award, problems)) {
        FUZZ_CHECK(!problems.empty());
        return 0;
    }
    std::vector<AwardDef> awards{award};
    std::vector<Problem> check;
    (void)check_awards(qfuzz::catalog(), awards, check);
    return 0;
}
