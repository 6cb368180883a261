// Quick self-scoring: a band picked with one click, ± one step to the next percentage in a band, a
// typed percentage kept as typed and judged by validate_readiness, and the categories not scored
// yet listed with "where we lose most" (most points first, plural forms in English).
#include "support.h"

namespace qcity_test_self_score_entry {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;

namespace {

const ScoreModel& model() { return builtin_readiness().model; }

Assessment enterprise() {
    Assessment a;
    a.catalog = "yancheng-2022";
    a.profile = Profile::enterprise;
    a.unit = "盐城市某某电子有限公司";
    a.year = 2024;
    a.readiness.self_score.emplace();
    a.readiness.self_score->model = "gbt19580-2012";
    return a;
}

void set_percent(Assessment& a, const std::string& item, Json v) {
    qt::edit_readiness(a, [&](Json& r) { r["self_score"]["items"][item]["percent"] = std::move(v); });
}

ReadinessResult judge(const Assessment& a) { return evaluate_readiness(builtin_readiness(), default_catalog(), a); }

std::vector<Problem> problems_for(const Assessment& a, const std::string& key) {
    std::vector<Problem> out;
    for (const Problem& p : validate_readiness(builtin_readiness(), default_catalog(), a))
        if (p.key == key) out.push_back(p);
    return out;
}

}  // namespace

TEST_CASE("band_pick: one click gives the band's middle, on a step, inside the band") {
    const ScoreModel& m = model();
    REQUIRE(m.bands.size() == 6);
    const int expected[] = {0, 15, 35, 55, 75, 95};
    for (int b = 0; b < 6; ++b) {
        CAPTURE(b);
        int p = m.band_pick(b);
        CHECK(p == expected[b]);
        CHECK(m.band_of(p) == b);
    }
    CHECK(m.band_pick(-1) == -1);
    CHECK(m.band_pick(6) == -1);
}

TEST_CASE("step_percent: ± 5 to the next percentage in a band, over the gap, stopping at the ends") {
    const ScoreModel& m = model();
    CHECK(m.step_percent(55, +1) == 60);
    CHECK(m.step_percent(55, -1) == 50);
    CHECK(m.step_percent(25, +1) == 30);   // band to band
    CHECK(m.step_percent(0, +1) == 10);    // 5 % is in no band
    CHECK(m.step_percent(10, -1) == 0);
    CHECK(m.step_percent(100, +1) == 100); // nothing above
    CHECK(m.step_percent(0, -1) == 0);     // nothing below
    CHECK(m.step_percent(47, +1) == 50);   // from a typed value in no band
    CHECK(m.step_percent(47, -1) == 45);
    CHECK(m.step_percent(-20, +1) == 0);
    CHECK(m.step_percent(500, -1) == 100);
    CHECK(m.step_percent(55, 0) == 55);
    // Every result is a valid percentage.
    for (int p = -10; p <= 110; ++p)
        for (int d : {-1, +1}) {
            int q = m.step_percent(p, d);
            if (q != p) CHECK(m.band_of(q) >= 0);
        }
}

TEST_CASE("percent_from_text: whole numbers (with a % sign) become numbers; anything else is kept as typed") {
    CHECK(percent_from_text("55") == Json(55));
    CHECK(percent_from_text(" 55 % ") == Json(55));
    CHECK(percent_from_text("55％") == Json(55));
    CHECK(percent_from_text("47") == Json(47));
    CHECK(percent_from_text("-5") == Json(-5));
    CHECK(percent_from_text("") == Json());
    CHECK(percent_from_text("   ") == Json());
    CHECK(percent_from_text("abc") == Json("abc"));
    CHECK(percent_from_text("55.5") == Json("55.5"));
    CHECK(percent_from_text("%") == Json("%"));
    CHECK(percent_from_text("-") == Json("-"));
    CHECK(percent_from_text("99999999999999999999") == Json("99999999999999999999"));
    CHECK(percent_from_text(std::string("5\0", 2)) == Json(std::string("5\0", 2)));
}

TEST_CASE("a typed percentage is judged by the core: in no band, out of range, not a number") {
    Assessment a = enterprise();
    set_percent(a, "4.1.2", percent_from_text("47"));
    std::vector<Problem> ps = problems_for(a, "score.4.1.2");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].severity == Severity::error);
    CHECK(ps[0].message.zh.find("47") != std::string::npos);
    CHECK(ps[0].message.en.find("47 % is in no band") != std::string::npos);
    CHECK(a.readiness.to_json()["self_score"]["items"]["4.1.2"]["percent"] == Json(47));  // kept as typed
    CHECK_FALSE(judge(a).score.items[0].scored);

    set_percent(a, "4.1.2", percent_from_text("abc"));
    ps = problems_for(a, "score.4.1.2");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].message.en.find("whole number") != std::string::npos);
    CHECK(a.readiness.to_json()["self_score"]["items"]["4.1.2"]["percent"] == Json("abc"));

    set_percent(a, "4.1.2", percent_from_text("120"));
    ps = problems_for(a, "score.4.1.2");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].key == "score.4.1.2");

    set_percent(a, "4.1.2", percent_from_text("55 %"));
    CHECK(problems_for(a, "score.4.1.2").empty());
    CHECK(judge(a).score.items[0].scored);
}

TEST_CASE("unscored categories: points not scored per category, most first, with their sentence") {
    Assessment a = enterprise();
    // Nothing scored: every category, 4.7 (400) first, then 4.4 (130), 4.1 (110), 4.5 (100)…
    SelfScore s = judge(a).score;
    REQUIRE(s.unscored.size() == 7);
    CHECK(s.categories[s.unscored[0]].def->id == "4.7");
    CHECK(s.categories[s.unscored[0]].unscored_points == 400);
    CHECK(s.categories[s.unscored[1]].def->id == "4.4");
    CHECK(s.categories[s.unscored[1]].unscored_text.zh == "4.4 资源 130 分未评");
    CHECK(s.categories[s.unscored[1]].unscored_text.en == "4.4 Resources: 130 points not scored");
    CHECK(s.categories[s.unscored[2]].def->id == "4.1");
    // Ties (4.2 and 4.3, 90 each) keep the standard's order.
    CHECK(s.categories[s.unscored[4]].def->id == "4.2");
    CHECK(s.categories[s.unscored[5]].def->id == "4.3");

    // Every 4.7 item scored and all of 4.4 but 4.4.6 (10 points): 4.7 leaves the list, 4.4 shows 10.
    for (const char* id : {"4.7.2", "4.7.3", "4.7.4", "4.7.5", "4.7.6", "4.7.7", "4.4.2", "4.4.3", "4.4.4", "4.4.5", "4.4.7"})
        set_percent(a, id, 50);
    // A typed percentage in no band leaves its item unscored: 4.1.2's 50 points still count.
    set_percent(a, "4.1.2", 47);
    s = judge(a).score;
    std::vector<std::string> ids;
    for (size_t c : s.unscored) ids.push_back(s.categories[c].def->id);
    CHECK(ids == std::vector<std::string>{"4.1", "4.5", "4.2", "4.3", "4.6", "4.4"});
    const CategoryScore& c44 = s.categories[s.unscored.back()];
    CHECK(c44.unscored_points == 10);
    CHECK(c44.unscored_text.en == "4.4 Resources: 10 points not scored");

    // In the JSON for the CLI and the page, in both languages.
    Json j = readiness_to_json(judge(a), Lang::zh)["self_score"]["unscored_categories"];
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 6);
    CHECK(j[0]["id"] == "4.1");
    CHECK(j[0]["points"] == 110);
    CHECK(j[0]["text"] == "4.1 领导 110 分未评");
    CHECK(j[5]["text"] == "4.4 资源 10 分未评");
    Json je = readiness_to_json(judge(a), Lang::en)["self_score"]["unscored_categories"];
    CHECK(je[5]["text"] == "4.4 Resources: 10 points not scored");

    // All scored: an empty list.
    for (const ScoreItemDef& it : model().items) set_percent(a, it.id, 100);
    CHECK(judge(a).score.unscored.empty());
    CHECK(readiness_to_json(judge(a), Lang::en)["self_score"]["unscored_categories"] == Json::array());
}

TEST_CASE("unscored categories: the English one form for a single point") {
    // No shipped item is worth 1 point: the form is checked on a model of our own.
    ScoreModel m = model();
    m.items[0].points = 1;  // 4.1.2
    ReadinessData d;
    d.model = m;
    Assessment a = enterprise();
    for (const ScoreItemDef& it : m.items)
        if (it.id != "4.1.2") set_percent(a, it.id, 50);
    SelfScore s = evaluate_readiness(d, default_catalog(), a).score;
    REQUIRE(s.unscored.size() == 1);
    CHECK(s.categories[s.unscored[0]].unscored_text.en == "4.1 Leadership: 1 point not scored");
    CHECK(s.categories[s.unscored[0]].unscored_text.zh == "4.1 领导 1 分未评");
}

}  // namespace qcity_test_self_score_entry
