// Fuzz target, structure-aware: well-formed assessment files whose values come from the fuzzer —
// huge, tiny, negative, fractional, of the wrong type, quotas and shares at the edges, self-score
// percentages in and out of bands — through validation, evaluation, award readiness, the roll-up of
// up to 11 counties, the roll-up matrix, the CSVs and the printable report. The byte readers' targets
// rarely get this far (most random bytes are not a valid file); this one starts there.
#include "fuzz_common.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>

namespace {

using qcity::Json;

// A number the way files carry them: small counts, the int64 edges, decimals, tiny and huge reals.
Json fuzzed_number(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
        case 0: return in.ConsumeIntegralInRange<int64_t>(-3, 200);
        case 1: return in.ConsumeIntegral<int64_t>();
        case 2: return in.ConsumeIntegralInRange<int64_t>(0, 2'000'000'000);
        case 3: {
            double d = in.ConsumeFloatingPoint<double>();
            return std::isfinite(d) ? Json(d) : Json(0.5);   // JSON has no inf/nan
        }
        case 4: return in.ConsumeFloatingPointInRange<double>(0.0, 100.0);
        case 5: return std::ldexp(1.0, in.ConsumeIntegralInRange<int>(-80, 70));   // 2e-18 … 1e21
        case 6: return in.ConsumeIntegralInRange<uint64_t>(0, UINT64_MAX);
        default: return in.ConsumeIntegralInRange<int64_t>(0, 100) / 10.0;
    }
}

// A figure value: mostly the figure's own type, sometimes another type or null.
Json fuzzed_value(FuzzedDataProvider& in, const qcity::Catalog& c, const qcity::FigureDef& f) {
    using qcity::FigureType;
    switch (in.ConsumeIntegralInRange<int>(0, 9)) {
        case 0: return nullptr;
        case 1: return in.ConsumeRandomLengthString(12);
        case 2: return in.ConsumeBool();
        default: break;
    }
    switch (f.type) {
        case FigureType::boolean: return in.ConsumeBool();
        case FigureType::enumeration: {
            const qcity::EnumDef* e = c.enumeration(f.enum_id);
            if (e && !e->values.empty() && in.ConsumeBool())
                return e->values[in.ConsumeIntegralInRange<size_t>(0, e->values.size() - 1)].id;
            return in.ConsumeRandomLengthString(4);
        }
        default: return fuzzed_number(in);
    }
}

std::string fuzzed_unit(FuzzedDataProvider& in, const qcity::Catalog& c) {
    if (!c.units.empty() && in.ConsumeIntegralInRange<int>(0, 5) != 0)
        return c.units[in.ConsumeIntegralInRange<size_t>(0, c.units.size() - 1)].name.zh;
    return in.ConsumeRandomLengthString(16);
}

// One assessment file of a profile, as JSON, read through the normal reader.
bool fuzzed_assessment(FuzzedDataProvider& in, qcity::Profile p, qcity::Assessment& out, int year) {
    using namespace qcity;
    const Catalog& c = qfuzz::catalog();
    Json figures = Json::object();
    for (size_t i : c.entry_index(p)) {
        const FigureDef& f = c.figures[i];
        if (in.ConsumeIntegralInRange<int>(0, 7) == 0) continue;   // left out of the file
        figures[f.key] = fuzzed_value(in, c, f);
    }
    Json settings = Json::object();
    if (in.ConsumeBool()) settings["quota_share"] = fuzzed_number(in);
    if (in.ConsumeBool()) {
        const auto& inds = c.indicators;
        if (!inds.empty()) settings["quotas"][inds[in.ConsumeIntegralInRange<size_t>(0, inds.size() - 1)].id] = fuzzed_number(in);
    }
    if (in.ConsumeIntegralInRange<int>(0, 9) == 0) settings["scope"] = "city";
    Json doc = {{"schema", kAssessmentSchema}, {"catalog", c.id}, {"profile", profile_id(p)},
                {"unit", p == Profile::county ? fuzzed_unit(in, c) : in.ConsumeRandomLengthString(20)},
                {"year", year}, {"figures", std::move(figures)}, {"settings", std::move(settings)}};
    if (p == Profile::enterprise) {
        const ScoreModel& m = builtin_readiness().model;
        Json items = Json::object();
        for (const ScoreItemDef& it : m.items) {
            if (!in.ConsumeBool()) continue;
            Json entry = {{"percent", in.ConsumeBool() ? Json(in.ConsumeIntegralInRange<int>(-10, 130))
                                                       : Json(in.ConsumeRandomLengthString(5))}};
            if (in.ConsumeBool()) entry["strength"] = in.ConsumeRandomLengthString(30);
            items[it.id] = std::move(entry);
        }
        Json self_score = {{"model", m.id}, {"items", std::move(items)}};
        if (in.ConsumeBool()) self_score["reference"] = fuzzed_number(in);
        Json thresholds = Json::object();
        for (const AwardDef& a : builtin_readiness().awards)
            for (const GateDef& g : a.gates)
                if (in.ConsumeIntegralInRange<int>(0, 7) == 0)
                    thresholds[a.id][g.id] = in.ConsumeBool() ? Json(false) : fuzzed_number(in);
        doc["readiness"] = {{"thresholds", std::move(thresholds)}, {"self_score", std::move(self_score)}};
    }
    Problem error;
    // The fuzzed strings are raw bytes; nlohmann's dump() throws on bytes that are not UTF-8 (a harness
    // crash, not a finding). Invalid UTF-8 reaching the readers is fuzz_assessment's and
    // fuzz_file_bytes' job; here such bytes become U+FFFD so the value still reaches the evaluation.
    return read_assessment(doc.dump(-1, ' ', false, Json::error_handler_t::replace), &c, out, error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qcity;
    FuzzedDataProvider in(data, size);
    const Catalog& c = qfuzz::catalog();
    const int year = in.ConsumeIntegralInRange<int>(c.year_min, c.year_max);
    if (in.ConsumeBool()) {
        Assessment a;
        if (fuzzed_assessment(in, Profile::enterprise, a, year)) {
            (void)validate_readiness(builtin_readiness(), c, a);
            qfuzz::show_everything(a);
        }
        return 0;
    }
    // Counties, judged alone and rolled up into the city.
    std::vector<Assessment> counties;
    const int n = in.ConsumeIntegralInRange<int>(1, 11);
    for (int i = 0; i < n && in.remaining_bytes() > 0; ++i) {
        Assessment a;
        if (fuzzed_assessment(in, Profile::county, a, year)) counties.push_back(std::move(a));
    }
    if (counties.empty()) return 0;
    qfuzz::show_everything(counties.front());
    Rollup r;
    std::vector<Problem> problems;
    if (!rollup(c, counties, r, problems)) {
        FUZZ_CHECK(!problems.empty());
        return 0;
    }
    FUZZ_CHECK(r.units_included() == (int)counties.size());
    qfuzz::show_everything(r.city);
    RollupMatrix m = rollup_matrix(c, counties, r);
    Evaluation e = evaluate(c, r.city);
    for (Lang lang : {Lang::zh, Lang::en}) {
        FUZZ_CHECK(!rollup_matrix_csv(c, m, lang).empty());
        ReportInput rep;
        rep.catalog = &c;
        rep.assessment = &r.city;
        rep.evaluation = &e;
        rep.matrix = &m;
        rep.rollup = &r;
        rep.lang = lang;
        FUZZ_CHECK(!report_html(rep).empty());
    }
    return 0;
}
