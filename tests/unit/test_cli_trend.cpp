// Issue 16 on the command line: qcity trend, unusual changes with --previous (evaluate, validate,
// report), report --history, the county league of qcity rollup.
#include "cli_runner.h"

namespace qcity_test_cli_trend {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::I;

namespace {

qt::TempDir& tmp() {
    static qt::TempDir d("qcity_cli_trend");
    return d;
}

std::string put(const std::string& name, const Assessment& a) { return tmp().write(name, write_assessment(a)); }

qt::CliRun run(const std::vector<std::string>& args) { return qt::run_cli_in(tmp().path, args); }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const Json& by_id(const Json& list, const std::string& id) {
    for (const Json& j : list)
        if (j["id"] == id) return j;
    FAIL("no " << id);
    return list[0];
}

// Three years of 东台市: enterprises with a CQO rising, manufactured pass rate falling.
struct Years {
    std::string y2022, y2023, y2024;
    Years() {
        const int64_t cqo[] = {60, 70, 80}, mfg[] = {990, 970, 950};
        std::string* paths[] = {&y2022, &y2023, &y2024};
        for (int k = 0; k < 3; ++k) {
            Assessment a = qt::good_county("东台市", 2022 + k);
            a.figures["above_scale_with_cqo"] = I(cqo[k]);
            a.figures["mfg_qualified_batches"] = I(mfg[k]);
            *paths[k] = put("dongtai-" + std::to_string(2022 + k) + ".json", a);
        }
    }
};

}  // namespace

TEST_CASE("qcity trend: three years out of order, json, csv and text") {
    Years y;
    qt::CliRun r = run({"trend", y.y2024, y.y2022, y.y2023, "--format", "json"});
    CHECK(r.code == 0);
    Json j = qt::cli_json(r);
    CHECK(j["unit"] == "东台市");
    CHECK(j["years"] == Json::array({2022, 2023, 2024}));
    const Json& cqo = by_id(j["indicators"], "cqo_coverage");
    CHECK(cqo["direction"] == "improving");
    REQUIRE(cqo["series"].size() == 3);
    const int64_t expect[] = {60, 70, 80};
    for (int k = 0; k < 3; ++k) {
        CHECK(cqo["series"][k]["year"] == 2022 + k);
        CHECK(cqo["series"][k]["value"] == expect[k]);
    }
    CHECK(cqo["series"][0]["status"] == "not_met");
    CHECK(by_id(j["indicators"], "mfg_pass_rate")["direction"] == "worsening");
    CHECK(by_id(j["indicators"], "food_pass_rate")["direction"] == "steady");

    qt::CliRun csv = run({"trend", y.y2023, y.y2022, y.y2024, "--format", "csv", "--lang", "en"});
    CHECK(csv.code == 0);
    size_t lines = 0;
    for (char ch : csv.out) lines += ch == '\n';
    CHECK(lines == 1 + 3 * j["indicators"].size());   // header + one row per indicator and year
    CHECK(contains(csv.out, "cqo_coverage,"));
    CHECK(contains(csv.out, "improving"));

    qt::CliRun text = run({"trend", y.y2022, y.y2023, y.y2024});
    CHECK(text.code == 0);
    CHECK(contains(text.out, "改善"));
    CHECK(contains(text.out, "变差"));
    CHECK(contains(text.out, "2024"));
}

TEST_CASE("qcity trend: two units or one year twice exit 1 naming both files") {
    Years y;
    std::string other = put("tinghu-2023.json", qt::good_county("亭湖区", 2023));
    qt::CliRun r = run({"trend", y.y2022, other});
    CHECK(r.code == 1);
    CHECK(contains(r.err, "dongtai-2022.json"));
    CHECK(contains(r.err, "tinghu-2023.json"));
    std::string again = put("dongtai-2023-again.json", qt::good_county("东台市", 2023));
    qt::CliRun d = run({"trend", y.y2023, again, "--lang", "en"});
    CHECK(d.code == 1);
    CHECK(contains(d.err, "dongtai-2023.json"));
    CHECK(contains(d.err, "dongtai-2023-again.json"));
}

TEST_CASE("evaluate/validate --previous: a ×10 jump is a warning with both values, exit 0; confirmed, it rests") {
    Assessment before = qt::good_county("东台市", 2022), now = qt::good_county("东台市", 2023);
    now.figures["mfg_sampled_batches"] = I(10000);
    now.figures["mfg_qualified_batches"] = I(9600);
    std::string prev = put("u-2022.json", before), cur = put("u-2023.json", now);

    qt::CliRun r = run({"evaluate", cur, "--previous", prev, "--format", "json", "--lang", "en"});
    CHECK(r.code == 0);
    Json j = qt::cli_json(r);
    REQUIRE(j["warnings"].is_array());
    bool found = false;
    for (const Json& w : j["warnings"]) {
        if (w["key"] != "mfg_sampled_batches") continue;
        found = true;
        CHECK(w["code"] == "unusual_change");
        std::string m = w["message"];
        CHECK(contains(m, "1000"));
        CHECK(contains(m, "10000"));
    }
    CHECK(found);
    qt::CliRun t = run({"evaluate", cur, "--previous", prev});
    CHECK(t.code == 0);
    CHECK(contains(t.out, "提示：制造业产品抽检批次"));
    qt::CliRun v = run({"validate", cur, "--previous", prev});
    CHECK(v.code == 0);
    CHECK(contains(v.out, "warning: mfg_sampled_batches:"));

    // Confirmed with that value: no warning for it, listed as confirmed.
    confirm_figure(now, "mfg_sampled_batches", "新增省级抽检任务");
    std::string confirmed = put("u-2023-confirmed.json", now);
    Json c = qt::cli_json(run({"evaluate", confirmed, "--previous", prev, "--format", "json"}));
    for (const Json& w : c["warnings"]) CHECK(w["key"] != "mfg_sampled_batches");
    REQUIRE(c["confirmed"].size() == 1);
    CHECK(c["confirmed"][0]["key"] == "mfg_sampled_batches");
    CHECK(c["confirmed"][0]["note"] == "新增省级抽检任务");
    CHECK_FALSE(contains(run({"validate", confirmed, "--previous", prev}).out, "warning: mfg_sampled_batches:"));
    // The value changes again: the warning is back.
    now.figures["mfg_sampled_batches"] = I(12000);
    std::string changed = put("u-2023-changed.json", now);
    qt::CliRun again = run({"validate", changed, "--previous", prev});
    CHECK(again.code == 0);
    CHECK(contains(again.out, "warning: mfg_sampled_batches:"));
}

TEST_CASE("report: --history gives the trends section; --previous the unusual change") {
    Years y;
    Assessment now = qt::good_county("东台市", 2024);
    now.figures["above_scale_with_cqo"] = I(80);
    now.figures["mfg_qualified_batches"] = I(950);
    now.figures["food_sampled_batches"] = I(80000);   // ×10 since 2023
    now.figures["food_qualified_batches"] = I(79000);
    std::string cur = put("dongtai-2024-jump.json", now), out = tmp().file("report.html");
    qt::CliRun r = run({"report", cur, "--previous", y.y2023, "--history", y.y2022, "-o", out, "--lang", "en"});
    CHECK(r.code == 0);
    std::string html = qt::read_whole_file(out);
    CHECK(contains(html, "id=\"trends\""));
    CHECK(contains(html, "<th scope=\"col\">2022</th>"));
    CHECK(contains(html, "<th scope=\"col\">2023</th>"));
    CHECK(contains(html, "improving"));
    CHECK(contains(html, "id=\"unusual\""));
    CHECK(contains(html, "class=\"unusual\""));
    // --history with a file of another unit: exit 1 naming it.
    std::string other = put("tinghu-2022.json", qt::good_county("亭湖区", 2022));
    qt::CliRun bad = run({"report", cur, "--history", other, "-o", out});
    CHECK(bad.code == 1);
    CHECK(contains(bad.err, "tinghu-2022.json"));
}

TEST_CASE("rollup: the league in JSON, text and --league-csv; the city report's league section") {
    Assessment a = qt::good_county("东台市"), b = qt::good_county("亭湖区"), c = qt::good_county("大丰区");
    b.figures["above_scale_with_cqo"] = I(50);             // one not met
    c.figures["above_scale_with_cqo"] = I(50);
    c.figures.erase("public_service_satisfaction_score");  // and one missing
    std::string pa = put("r-a.json", a), pb = put("r-b.json", b), pc = put("r-c.json", c);
    std::string league = tmp().file("league.csv");
    qt::CliRun r = run({"rollup", pc, pb, pa, "--format", "json", "--league-csv", league});
    CHECK(r.code == 0);
    Json j = qt::cli_json(r);
    REQUIRE(j["league"].size() == 3);
    CHECK(j["league"][0]["unit"] == "东台市");
    CHECK(j["league"][1]["unit"] == "亭湖区");
    CHECK(j["league"][2]["unit"] == "大丰区");
    CHECK(j["league"][0]["met"].get<int>() == j["league"][1]["met"].get<int>() + 1);
    CHECK(j["league"][2]["missing"] == 1);
    const Json& cqo = by_id(j["rankings"], "cqo_coverage");
    CHECK(cqo["ranking"][0]["unit"] == "东台市");
    CHECK(cqo["min"] == 50);
    CHECK(cqo["median"] == 50);
    CHECK(cqo["max"] == 75);
    std::string csv = qt::read_whole_file(league);
    CHECK(csv.find("东台市") < csv.find("亭湖区"));
    CHECK(csv.find("亭湖区") < csv.find("大丰区"));
    qt::CliRun text = run({"rollup", pa, pb, pc, "--lang", "en"});
    CHECK(contains(text.out, "League"));

    std::string out = tmp().file("city.html");
    CHECK(run({"report", pa, pb, pc, "-o", out}).code == 0);
    std::string html = qt::read_whole_file(out);
    CHECK(contains(html, "id=\"league\""));
    CHECK(contains(html, "各县（市、区）排名"));
}

}  // namespace qcity_test_cli_trend
