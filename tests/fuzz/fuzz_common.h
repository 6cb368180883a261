// qcity fuzz targets — shared helpers. Each fuzz_*.cpp in this folder is one libFuzzer target
// (built by the "fuzz" preset with clang, -fsanitize=fuzzer,address,undefined); scripts/fuzz.sh
// runs them, seeded from tests/fuzz/corpus/ and the test fixtures. A target only calls the core's
// public API (core.h), as the CLI and the app do, and checks invariants the API promises; a crash,
// a sanitizer report or a failed invariant (FUZZ_CHECK) is a finding.
#pragma once

#include "core.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

// An invariant of the API. Abort so that libFuzzer saves the input as a crash.
#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                \
        }                                                                                \
    } while (0)

namespace qfuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), size);
}

inline const qcity::Catalog& catalog() { return qcity::default_catalog(); }

// What every user of a judged assessment shows: the evaluation in both languages (JSON for the
// page API and the CLI, the CSV for Excel, the printable report), and for an enterprise its
// award readiness. Exercised for the sanitizers; the outputs must at least be non-empty.
inline void show_everything(const qcity::Assessment& a) {
    using namespace qcity;
    const Catalog& c = catalog();
    Evaluation e = evaluate(c, a);
    std::optional<ReadinessResult> rr;
    if (a.profile == Profile::enterprise) rr = evaluate_readiness(builtin_readiness(), c, a);
    for (Lang lang : {Lang::zh, Lang::en}) {
        FUZZ_CHECK(!evaluation_to_json(c, a, e, lang).dump().empty());
        for (const IndicatorResult& r : e.results) {
            (void)display_value(c, r, lang);
            (void)display_target(c, r, lang);
        }
        FUZZ_CHECK(!results_to_csv(c, a, e, lang).empty());
        if (rr) FUZZ_CHECK(!readiness_to_json(*rr, lang).dump().empty());
        ReportInput in;
        in.catalog = &c;
        in.assessment = &a;
        in.evaluation = &e;
        in.readiness = rr ? &*rr : nullptr;
        in.lang = lang;
        in.exported = "2026-12-05";
        FUZZ_CHECK(!report_html(in).empty());
    }
}

}  // namespace qfuzz
