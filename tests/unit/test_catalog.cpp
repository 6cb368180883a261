// The catalog: the shipped yancheng-2022 catalog matches catalog-spec.md, and the loader refuses
// hostile catalogs with a problem naming the offending id.
#include "support.h"

#include <fstream>
#include <set>
#include <sstream>

namespace qcity_test_catalog {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::eq;

namespace {

struct SpecIndicator {
    const char* id;
    Profile profile;
    Kind kind;
    int64_t target;  // -1: no numeric target
    const char* num;
    const char* den;
    const char* figure;
    bool city;
};

// catalog-spec.md, both tables, transcribed by hand.
const std::vector<SpecIndicator>& spec_indicators() {
    using K = Kind;
    const Profile C = Profile::county, E = Profile::enterprise;
    static const std::vector<SpecIndicator> v = {
        {"mfg_pass_rate", C, K::ratio, 95, "mfg_qualified_batches", "mfg_sampled_batches", "", false},
        {"consumer_pass_rate", C, K::ratio, 96, "consumer_qualified_batches", "consumer_sampled_batches", "", false},
        {"public_service_satisfaction", C, K::score, 82, "", "", "public_service_satisfaction_score", false},
        {"emr_level4_share", C, K::ratio_all, -1, "emr_level4_hospitals", "tertiary_hospitals", "", false},
        {"emr_level5_share", C, K::ratio, 20, "emr_level5_hospitals", "tertiary_hospitals", "", false},
        {"eldercare_graded_share", C, K::ratio, 35, "eldercare_graded_institutions", "eldercare_institutions", "", false},
        {"food_sampling_density", C, K::density, 7, "food_sampled_batches", "resident_population", "", false},
        {"food_pass_rate", C, K::ratio, 98, "food_qualified_batches", "food_sampled_batches", "", false},
        {"license_inspection_coverage", C, K::ratio_all, -1, "licensed_enterprises_inspected", "licensed_enterprises", "", false},
        {"agri_pass_rate", C, K::ratio, 97, "agri_qualified_batches", "agri_sampled_batches", "", false},
        {"transport_supervision_coverage", C, K::ratio_all, -1, "transport_projects_supervised", "transport_projects", "", false},
        {"safe_site_compliance", C, K::ratio_all, -1, "safe_site_compliant", "safe_site_applied", "", false},
        {"transport_rectification_rate", C, K::ratio_all, -1, "transport_issues_rectified", "transport_issues_found", "", false},
        {"transport_acceptance_rate", C, K::ratio_all, -1, "transport_acceptance_passed", "transport_acceptance_total", "", false},
        {"one_stop_platform", C, K::flag, -1, "", "", "one_stop_platform", false},
        {"cqo_coverage", C, K::ratio, 70, "above_scale_with_cqo", "above_scale_enterprises", "", false},
        {"residential_energy_75", C, K::ratio_all, -1, "new_residential_at_75", "new_residential_projects", "", false},
        {"home_care_share", C, K::ratio, 16, "elderly_home_service_recipients", "elderly_population", "", false},
        {"eldercare_safety_compliance", C, K::ratio_all, -1, "eldercare_safety_compliant", "eldercare_institutions", "", false},
        {"agri_monitoring_batches", C, K::count, 11000, "", "", "agri_monitoring_batches", true},
        {"governor_award_new", C, K::count, 1, "", "", "governor_award_new", true},
        {"mayor_award_new", C, K::count, 5, "", "", "mayor_award_new", true},
        {"mayor_award_nomination_new", C, K::count, 5, "", "", "mayor_award_nomination_new", true},
        {"jiangsu_boutique_new", C, K::count, 5, "", "", "jiangsu_boutique_new", true},
        {"credit_aa_new", C, K::count, 10, "", "", "credit_aa_new", true},
        {"provincial_quality_project_new", C, K::count, 5, "", "", "provincial_quality_project_new", true},
        {"water_civilized_site_new", C, K::count, 2, "", "", "water_civilized_site_new", true},
        {"standards_new", C, K::count, 20, "", "", "standards_new", true},
        {"certificates_new", C, K::count, 2000, "", "", "certificates_new", true},
        {"eldercare_hubs", C, K::count, 10, "", "", "eldercare_hubs", true},
        {"elder_canteens", C, K::count, 100, "", "", "elder_canteens", true},
        {"ent_product_pass_rate", E, K::ratio, 95, "ent_qualified_batches", "ent_sampled_batches", "", false},
        {"ent_cqo", E, K::flag, -1, "", "", "ent_has_cqo", false},
        {"ent_qms_certified", E, K::flag, -1, "", "", "ent_qms_certified", false},
        {"ent_credit_rating", E, K::rating, -1, "", "", "ent_credit_rating", false},
        {"ent_no_serious_violation", E, K::flag, -1, "", "", "ent_no_serious_violation", false},
        {"ent_performance_excellence", E, K::flag, -1, "", "", "ent_performance_excellence", false},
        {"ent_green_certified", E, K::flag, -1, "", "", "ent_green_certified", false},
        {"ent_high_tech", E, K::info, -1, "", "", "ent_high_tech", false},
        {"ent_rd_center", E, K::info, -1, "", "", "ent_rd_center", false},
        {"ent_standards_new", E, K::info, -1, "", "", "ent_standards_new", false},
        {"ent_certificates_new", E, K::info, -1, "", "", "ent_certificates_new", false},
        {"ent_qc_groups", E, K::info, -1, "", "", "ent_qc_groups", false},
    };
    return v;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A small catalog that loads cleanly; each hostile case below changes one thing in it.
const char* kMini = R"({
  "schema": "qcity.catalog/1",
  "id": "mini",
  "name": {"zh": "小目录", "en": "Mini"},
  "city": {"zh": "某市", "en": "Some city"},
  "source": {"title": {"zh": "意见", "en": "Opinions"}, "issuer": {"zh": "市政府", "en": "City government"}, "date": "2022-11-19"},
  "units": [{"id": "a", "name": {"zh": "甲区", "en": "A"}}, {"id": "b", "name": {"zh": "乙区", "en": "B"}}],
  "groups": [
    {"id": "g", "profile": "county", "name": {"zh": "质量", "en": "Quality"}, "clause": "二.1"},
    {"id": "eg", "profile": "enterprise", "name": {"zh": "企业", "en": "Enterprise"}, "clause": "二.2"}
  ],
  "enums": {"rating": {"values": [{"id": "none", "name": {"zh": "无", "en": "None"}},
                                  {"id": "A", "name": {"zh": "A级", "en": "A"}},
                                  {"id": "AA", "name": {"zh": "AA级", "en": "AA"}}]}},
  "figures": [
    {"key": "ok_batches", "profile": "county", "type": "count", "name": {"zh": "合格批次", "en": "Qualified"},
     "unit": {"zh": "批次", "en": "batches"}, "help": {"zh": "帮助", "en": "Help"}, "rollup": "sum"},
    {"key": "all_batches", "profile": "county", "type": "count", "name": {"zh": "抽检批次", "en": "Sampled"},
     "unit": {"zh": "批次", "en": "batches"}, "help": {"zh": "帮助", "en": "Help"}, "rollup": "sum"},
    {"key": "platform", "profile": "county", "type": "bool", "name": {"zh": "平台", "en": "Platform"},
     "unit": {"zh": "", "en": ""}, "help": {"zh": "帮助", "en": "Help"}, "rollup": "all"},
    {"key": "e_rating", "profile": "enterprise", "type": "enum", "enum": "rating", "name": {"zh": "等级", "en": "Rating"},
     "unit": {"zh": "", "en": ""}, "help": {"zh": "帮助", "en": "Help"}, "rollup": "none"}
  ],
  "indicators": [
    {"id": "pass_rate", "profile": "county", "group": "g", "kind": "ratio", "num": "ok_batches", "den": "all_batches",
     "target": 95, "scope": "unit", "name": {"zh": "合格率", "en": "Pass rate"}, "help": {"zh": "帮助", "en": "Help"},
     "value_unit": {"zh": "%", "en": "%"}, "shortfall": {"zh": "还需 {n} 批次", "en": "{n} more batches"},
     "advice": {"zh": "建议", "en": "Advice"}, "clause": "二.1", "quote": "原文"},
    {"id": "platform_built", "profile": "county", "group": "g", "kind": "flag", "figure": "platform",
     "scope": "unit", "name": {"zh": "平台建成", "en": "Platform built"}, "help": {"zh": "帮助", "en": "Help"},
     "value_unit": {"zh": "", "en": ""}, "shortfall": {"zh": "尚未建成", "en": "Not built"},
     "advice": {"zh": "建议", "en": "Advice"}, "clause": "二.4", "quote": "原文"},
    {"id": "e_credit", "profile": "enterprise", "group": "eg", "kind": "rating", "figure": "e_rating", "target": "AA",
     "scope": "unit", "name": {"zh": "信用", "en": "Credit"}, "help": {"zh": "帮助", "en": "Help"},
     "value_unit": {"zh": "", "en": ""}, "shortfall": {"zh": "未达到AA", "en": "Below AA"},
     "advice": {"zh": "建议", "en": "Advice"}, "clause": "二.2", "quote": "原文"}
  ],
  "constraints": [{"type": "le", "a": "ok_batches", "b": "all_batches", "why": {"zh": "原因", "en": "Why"}}]
})";

Json mini() { return Json::parse(kMini); }

// Loads `doc`, expects failure with an error whose key is `key` and whose messages name it, and
// that the output catalog is left as it was.
void expect_refused(const Json& doc, const std::string& key, const std::string& also = "") {
    Catalog out;
    out.id = "sentinel";
    out.name = Text{"哨兵", "sentinel"};
    std::vector<Problem> problems;
    CHECK_FALSE(load_catalog(doc.dump(), out, problems));
    CHECK(out.id == "sentinel");
    CHECK(out.name.en == "sentinel");
    CHECK(out.indicators.empty());
    CHECK(out.figures.empty());
    bool found = false;
    for (const Problem& p : problems) {
        CHECK(p.severity == Severity::error);
        if (p.key == key && qt::contains(p.message.zh, key) && qt::contains(p.message.en, key) &&
            (also.empty() || (qt::contains(p.message.zh, also) && qt::contains(p.message.en, also))))
            found = true;
    }
    std::string all;
    for (const Problem& p : problems) all += p.key + " | " + p.message.en + "\n";
    CAPTURE(all);
    CHECK(found);
}

}  // namespace

TEST_SUITE("catalog") {

TEST_CASE("the shipped catalog loads with no problem, from the file and as embedded") {
    std::string file = slurp(std::string(QCITY_SOURCE_DIR) + "/assets/catalog/yancheng-2022.json");
    REQUIRE_FALSE(file.empty());
    // Embedded without the white space between tokens (cmake/embed_assets.py): the same document,
    // every string and number as written.
    std::string packed = std::string(embedded("catalog/yancheng-2022.json"));
    CHECK(packed.size() < file.size() * 9 / 10);
    CHECK(nlohmann::json::parse(packed) == nlohmann::json::parse(file));
    std::string file_tokens;  // the file's own characters, spaces and line breaks outside strings left out
    bool in_string = false, escaped = false;
    for (char ch : file) {
        if (in_string) {
            file_tokens += ch;
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') in_string = false;
        } else if (ch == '"') {
            in_string = true;
            file_tokens += ch;
        } else if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
            file_tokens += ch;
        }
    }
    CHECK(packed == file_tokens);
    Catalog c;
    std::vector<Problem> problems;
    CHECK(load_catalog(file, c, problems));
    CHECK(problems.empty());
    CHECK(c.id == "yancheng-2022");
    // Every embedded catalog loads (a defect would otherwise be skipped silently).
    for (const EmbeddedFile& f : embedded_files()) {
        std::string name = f.name;
        if (name.rfind("catalog/", 0) != 0) continue;
        CAPTURE(name);
        Catalog k;
        std::vector<Problem> ps;
        CHECK(load_catalog(std::string_view((const char*)f.data, f.size), k, ps));
        CHECK(ps.empty());
        CHECK(builtin_catalog(k.id) != nullptr);
    }
    CHECK(builtin_catalog("yancheng-2022") != nullptr);
    CHECK(&default_catalog() == builtin_catalog("yancheng-2022"));
    CHECK(builtin_catalog("no-such-catalog") == nullptr);
    auto ids = builtin_catalog_ids();
    CHECK(std::find(ids.begin(), ids.end(), "yancheng-2022") != ids.end());
}

TEST_CASE("the shipped catalog has every indicator of catalog-spec.md, as specified") {
    const Catalog& c = qt::cat();
    std::set<std::string> spec_ids;
    for (const SpecIndicator& s : spec_indicators()) {
        CAPTURE(s.id);
        spec_ids.insert(s.id);
        const IndicatorDef* d = c.indicator(s.id);
        REQUIRE(d != nullptr);
        CHECK(d->profile == s.profile);
        CHECK(d->kind == s.kind);
        CHECK(d->num == s.num);
        CHECK(d->den == s.den);
        CHECK(d->figure == s.figure);
        CHECK(d->city_scope == s.city);
        if (s.target >= 0) {
            CHECK(d->has_target);
            CHECK(eq(d->target, s.target));
        }
        CHECK_FALSE(d->name.zh.empty());
        CHECK_FALSE(d->name.en.empty());
        CHECK_FALSE(d->clause.empty());
        CHECK_FALSE(d->quote.empty());
        const GroupDef* g = c.group(d->group);
        REQUIRE(g != nullptr);
        CHECK(g->profile == d->profile);
    }
    CHECK(spec_ids.size() == 43);
    // Nothing beyond the spec.
    for (const IndicatorDef& d : c.indicators) {
        CAPTURE(d.id);
        CHECK(spec_ids.count(d.id) == 1);
    }
    CHECK(c.indicators.size() == spec_indicators().size());
}

TEST_CASE("the shipped catalog: conditional targets, enums, units, constraints") {
    const Catalog& c = qt::cat();
    const IndicatorDef* pass = c.indicator("ent_product_pass_rate");
    REQUIRE(pass);
    REQUIRE(pass->target_when.size() == 1);
    CHECK(pass->target_when[0].first.figure == "ent_consumer_goods");
    CHECK(pass->target_when[0].first.equals == Json(true));
    CHECK(eq(pass->target_when[0].second, 96));

    const IndicatorDef* cqo = c.indicator("ent_cqo");
    REQUIRE(cqo);
    REQUIRE(cqo->applies_when.has_value());
    CHECK(cqo->applies_when->figure == "ent_above_scale");
    CHECK(cqo->applies_when->equals == Json(true));

    const IndicatorDef* rating = c.indicator("ent_credit_rating");
    REQUIRE(rating);
    CHECK(rating->target_enum == "AA");
    const FigureDef* rf = c.figure("ent_credit_rating");
    REQUIRE(rf);
    const EnumDef* e = c.enumeration(rf->enum_id);
    REQUIRE(e);
    REQUIRE(e->values.size() == 4);
    CHECK(e->rank("none") == 0);
    CHECK(e->rank("A") == 1);
    CHECK(e->rank("AA") == 2);
    CHECK(e->rank("AAA") == 3);
    CHECK(e->rank("AAAA") == -1);
    CHECK(e->rank("aa") == -1);

    // The 11 county-level units of the policy.
    std::vector<std::string> names = {"亭湖区", "盐都区", "大丰区", "东台市", "建湖县", "射阳县", "阜宁县",
                                      "滨海县", "响水县", "盐城经济技术开发区", "盐南高新区"};
    CHECK(c.units.size() == 11);
    for (const std::string& n : names) {
        CAPTURE(n);
        CHECK(c.unit_by_name(n) != nullptr);
    }
    CHECK(c.unit_by_name("南京市") == nullptr);
    CHECK(eq(c.default_quota_share(), 1, 11));
    CHECK(c.city.zh == "盐城市");

    bool emr = false;
    for (const ConstraintDef& k : c.constraints) emr = emr || (k.a == "emr_level5_hospitals" && k.b == "emr_level4_hospitals");
    CHECK(emr);
}

TEST_CASE("the shipped catalog has every figure key of the spec, in the right profile") {
    const Catalog& c = qt::cat();
    for (const std::string& k : qt::spec_county_figures()) {
        CAPTURE(k);
        const FigureDef* f = c.figure(k);
        REQUIRE(f != nullptr);
        CHECK(f->profile == Profile::county);
        CHECK(f->rollup != RollupRule::none);
    }
    for (const std::string& k : qt::spec_enterprise_figures()) {
        CAPTURE(k);
        const FigureDef* f = c.figure(k);
        REQUIRE(f != nullptr);
        CHECK(f->profile == Profile::enterprise);
    }
    CHECK(c.figures.size() == qt::spec_county_figures().size() + qt::spec_enterprise_figures().size());
    // Types the rules depend on.
    CHECK(c.figure("public_service_satisfaction_score")->type == FigureType::score);
    CHECK(c.figure("public_service_satisfaction_score")->rollup == RollupRule::weighted_mean);
    CHECK(c.figure("public_service_satisfaction_score")->rollup_weight == "public_service_satisfaction_respondents");
    CHECK(c.figure("one_stop_platform")->type == FigureType::boolean);
    CHECK(c.figure("one_stop_platform")->rollup == RollupRule::all);
    CHECK(c.figure("mfg_sampled_batches")->rollup == RollupRule::sum);
    CHECK(c.figure("ent_credit_rating")->type == FigureType::enumeration);
    CHECK(c.figure("ent_consumer_goods")->type == FigureType::boolean);
    CHECK(c.figure("ent_above_scale")->type == FigureType::boolean);
    CHECK(c.figure("resident_population")->min == 1);

    // entry_order: each key of the profile exactly once, numerators before their denominators.
    for (Profile p : {Profile::county, Profile::enterprise}) {
        const auto& spec = p == Profile::county ? qt::spec_county_figures() : qt::spec_enterprise_figures();
        std::vector<std::string> order = c.entry_order(p);
        std::set<std::string> uniq(order.begin(), order.end());
        CHECK(uniq.size() == order.size());
        CHECK(uniq == std::set<std::string>(spec.begin(), spec.end()));
    }
    auto order = c.entry_order(Profile::county);
    auto pos = [&](const char* k) { return std::find(order.begin(), order.end(), k) - order.begin(); };
    CHECK(pos("mfg_qualified_batches") < pos("mfg_sampled_batches"));
    CHECK(pos("emr_level4_hospitals") < pos("tertiary_hospitals"));
}

TEST_CASE("basics: languages, profiles, kinds, format_text") {
    CHECK(parse_lang("zh") == Lang::zh);
    CHECK(parse_lang("zh-CN") == Lang::zh);
    CHECK(parse_lang("en") == Lang::en);
    CHECK(parse_lang("en-US") == Lang::en);
    CHECK_FALSE(parse_lang("fr").has_value());
    CHECK_FALSE(parse_lang("").has_value());
    CHECK(parse_profile("county") == Profile::county);
    CHECK(parse_profile("enterprise") == Profile::enterprise);
    CHECK_FALSE(parse_profile("city").has_value());
    CHECK(std::string(profile_id(Profile::enterprise)) == "enterprise");
    CHECK(std::string(kind_id(Kind::ratio_all)) == "ratio_all");
    CHECK(std::string(kind_id(Kind::density)) == "density");
    Text t = format_text(Text{"还需 {n} 家，共 {n} 家", "{n} more of {n}"}, {{"n", "4"}});
    CHECK(t.zh == "还需 4 家，共 4 家");
    CHECK(t.en == "4 more of 4");
    CHECK(t.get(Lang::en) == "4 more of 4");
    CHECK(t.get(Lang::zh) == "还需 4 家，共 4 家");
}

TEST_CASE("the mini catalog used by the hostile cases loads") {
    Catalog c;
    std::vector<Problem> problems;
    REQUIRE(load_catalog(kMini, c, problems));
    CHECK(problems.empty());
    CHECK(c.id == "mini");
    CHECK(c.indicators.size() == 3);
    CHECK(eq(c.default_quota_share(), 1, 2));
}

TEST_CASE("hostile catalogs are refused with a problem naming the id") {
    SUBCASE("duplicate indicator id") {
        Json d = mini();
        Json copy = d["indicators"][0];
        d["indicators"].push_back(copy);
        expect_refused(d, "pass_rate");
    }
    SUBCASE("undeclared figure as numerator") {
        Json d = mini();
        d["indicators"][0]["num"] = "ghost_batches";
        expect_refused(d, "pass_rate", "ghost_batches");
    }
    SUBCASE("undeclared figure as denominator") {
        Json d = mini();
        d["indicators"][0]["den"] = "ghost_total";
        expect_refused(d, "pass_rate", "ghost_total");
    }
    SUBCASE("unknown kind") {
        Json d = mini();
        d["indicators"][0]["kind"] = "percentage";
        expect_refused(d, "pass_rate", "percentage");
    }
    SUBCASE("ratio target above 100") {
        Json d = mini();
        d["indicators"][0]["target"] = 100.5;
        expect_refused(d, "pass_rate");
        d["indicators"][0]["target"] = 101;
        expect_refused(d, "pass_rate");
    }
    SUBCASE("missing zh text") {
        Json d = mini();
        d["indicators"][0]["name"].erase("zh");
        expect_refused(d, "pass_rate");
    }
    SUBCASE("empty en text") {
        Json d = mini();
        d["indicators"][1]["help"]["en"] = "";
        expect_refused(d, "platform_built");
    }
    SUBCASE("group of the other profile") {
        Json d = mini();
        d["indicators"][0]["group"] = "eg";
        expect_refused(d, "pass_rate", "eg");
    }
    SUBCASE("rating target not in the enum") {
        Json d = mini();
        d["indicators"][2]["target"] = "AAA";
        expect_refused(d, "e_credit", "AAA");
    }
    SUBCASE("constraint to an undeclared figure") {
        Json d = mini();
        d["constraints"][0]["b"] = "ghost_total";
        expect_refused(d, "constraints", "ghost_total");
    }
    SUBCASE("shortfall without {n}") {
        Json d = mini();
        d["indicators"][0]["shortfall"]["en"] = "more batches needed";
        expect_refused(d, "pass_rate");
    }
    SUBCASE("duplicate figure key") {
        Json d = mini();
        Json copy = d["figures"][0];
        d["figures"].push_back(copy);
        expect_refused(d, "ok_batches");
    }
}

TEST_CASE("a catalog that is not JSON is refused and leaves the output untouched") {
    Catalog out;
    out.id = "sentinel";
    std::vector<Problem> problems;
    CHECK_FALSE(load_catalog("{\"schema\": ", out, problems));
    CHECK(out.id == "sentinel");
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].severity == Severity::error);
    problems.clear();
    CHECK_FALSE(load_catalog("[1, 2]", out, problems));
    CHECK(out.id == "sentinel");
    CHECK_FALSE(problems.empty());
}

}  // TEST_SUITE

TEST_CASE("a catalog's head: what the start screen shows, read alone as load_catalog reads it") {
    std::string file = slurp(std::string(QCITY_SOURCE_DIR) + "/assets/catalog/yancheng-2022.json");
    Catalog whole, head;
    std::vector<Problem> problems;
    REQUIRE(load_catalog(file, whole, problems));
    // Read from the whole document (the rest ignored), and from just the head's members, as
    // cmake/embed_assets.py compiles it into the web build (HEAD_KEYS).
    Json doc = Json::parse(file), only = Json::object();
    for (const char* k : {"schema", "id", "name", "city", "source", "years", "plausible_change", "units"}) only[k] = doc[k];
    for (const Json& text : {doc, only}) {
        REQUIRE(load_catalog_head(text.dump(), head, problems));
        CHECK(problems.empty());
        CHECK(head.id == whole.id);
        CHECK(head.name.zh == whole.name.zh);
        CHECK(head.name.en == whole.name.en);
        CHECK(head.city.zh == whole.city.zh);
        CHECK(head.source_title.zh == whole.source_title.zh);
        CHECK(head.year_min == whole.year_min);
        CHECK(head.year_max == whole.year_max);
        REQUIRE(head.units.size() == whole.units.size());
        for (size_t i = 0; i < head.units.size(); ++i) {
            CHECK(head.units[i].id == whole.units[i].id);
            CHECK(head.units[i].name.zh == whole.units[i].name.zh);
            CHECK(head.units[i].name.en == whole.units[i].name.en);
            CHECK(head.units[i].aliases == whole.units[i].aliases);
        }
        // The form's checks give the same answers from the head.
        CHECK(check_year(head, 2025).has_value() == check_year(whole, 2025).has_value());
        CHECK(check_year(head, whole.year_max + 1)->message.zh == check_year(whole, whole.year_max + 1)->message.zh);
        REQUIRE(whole.find_unit("东台") != nullptr);
        CHECK(head.find_unit("东台") == head.units.data() + (whole.find_unit("东台") - whole.units.data()));
        CHECK(head.figures.empty());
        CHECK(head.indicators.empty());
    }
    // A head without its units, or one that is not JSON, is refused, the output untouched.
    Json no_units = only;
    no_units.erase("units");
    Catalog kept = head;
    CHECK_FALSE(load_catalog_head(no_units.dump(), kept, problems));
    CHECK(kept.units.size() == whole.units.size());
    bool named = false;
    for (const Problem& p : problems) named = named || p.key == "units";
    CHECK(named);
    problems.clear();
    CHECK_FALSE(load_catalog_head("{\"schema\":", kept, problems));
    CHECK(kept.id == whole.id);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "catalog_json");
    // Native builds compile the catalogs in, no head apart: the head is the default catalog itself.
    CHECK(&default_catalog_head() == &default_catalog());
}

TEST_CASE("embedded files: compiled in, or provided by the platform; looked up the same way") {
    // The native build compiles every shipped file in: nothing is left for a platform to provide.
    CHECK(detail::provided_embedded_names().empty());
    CHECK_FALSE(embedded("report/report.css").empty());
    CHECK(embedded("report/report.css").find("@page") != std::string_view::npos);
    std::vector<EmbeddedFile> awards = embedded_files_under("awards/");
    CHECK(awards.size() == 4);
    for (const EmbeddedFile& f : awards) CHECK(std::string_view(f.name).rfind("awards/", 0) == 0);
    CHECK(embedded_files_under("nothing/").empty());
    // A file a platform provides is found like a compiled one, keeps its bytes (a NUL too), and a
    // second file of the same name does not replace the first.
    static int asked = 0;
    set_embedded_files_provider([](const char*) { ++asked; });
    size_t before = embedded_files().size();
    provide_embedded_file("test-provided/a.bin", std::string("x\0y", 3));
    provide_embedded_file("test-provided/a.bin", "other");
    provide_embedded_file("catalog/yancheng-2022.json", "{}");  // a compiled file is not replaced either
    CHECK(embedded("test-provided/a.bin") == std::string_view("x\0y", 3));
    CHECK(embedded_files().size() == before + 1);
    CHECK(embedded_files_under("test-provided/").size() == 1);
    CHECK(embedded("catalog/yancheng-2022.json").size() > 1000);
    // Nothing is declared as provided here, so the provider is never asked.
    CHECK(asked == 0);
    set_embedded_files_provider(nullptr);
}

}  // namespace qcity_test_catalog
