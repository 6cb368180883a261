// Fuzz target: the catalog loader (assets/catalog/*.json: a new year's targets or another city's
// policy is a new file). A catalog that loads must give templates that judge without a crash.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qcity;
    Catalog c;
    std::vector<Problem> problems;
    if (!load_catalog(qfuzz::as_text(data, size), c, problems)) {
        FUZZ_CHECK(!problems.empty());
        return 0;
    }
    for (Profile p : {Profile::county, Profile::enterprise}) {
        Assessment a = make_template(c, p, c.units.empty() ? "x" : c.units.front().name.zh, c.year_min);
        (void)validate(c, a);
        Evaluation e = evaluate(c, a);
        for (Lang lang : {Lang::zh, Lang::en}) (void)evaluation_to_json(c, a, e, lang).dump();
        (void)figures_to_csv(c, a, Lang::zh);
    }
    return 0;
}
