// qcity core — the judging engine, as a pure function of its inputs.
//
// Everything a user sees (a status, a value, a shortfall sentence, an error message) is computed
// here first; the web app, the CLI and the tests only show or check it. No UI, no platform headers.
//
// Index of this file
// [SECTION] Basics: languages, texts, exact rationals
// [SECTION] JSON from users: depth-limited, path-aware parsing (json_input.cpp)
// [SECTION] Catalog: indicators, figures, groups, enums (catalog.cpp, with the basics)
// [SECTION] Assessment: the user's figures and the qcity.assessment/1 file format (assessment.cpp)
// [SECTION] Validation: problems found in an assessment (assessment.cpp)
// [SECTION] Evaluation: statuses, values, shortfalls, display (evaluate.cpp)
// [SECTION] Roll-up: counties into the city (evaluate.cpp)
// [SECTION] JSON output shared by the CLI and the web API (evaluate.cpp)
// [SECTION] Award readiness: eligibility gates and the GB/T 19580 self-score (readiness.cpp)
// [SECTION] CSV: figures and results for spreadsheets (csv.cpp)
// [SECTION] Files as bytes: encodings, .xlsx workbooks, any assessment file (encoding.cpp, xlsx.cpp)
// [SECTION] Year over year, the roll-up matrix, the printable report (report.cpp)
// [SECTION] Over the years and across the counties: trends, unusual changes, the league (trend.cpp)
// [SECTION] Text layout: where a wrapped line may break (text_layout.cpp)
// [SECTION] Backup: every assessment in one file, qcity.backup/1 (backup.cpp)
// [SECTION] County workflow: departments, merging, evidence, sign-off, a frozen submission (workflow.cpp)
// [SECTION] Embedded assets (generated at build time: catalogs, translations)

#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace qcity {

using Json = nlohmann::json;

//-------------------------------------------------------------------------------------------------
// [SECTION] Basics: languages, texts, exact rationals
//-------------------------------------------------------------------------------------------------

enum class Lang { zh, en };

// A stable sort of indices by `less`: every sort in the core and the app goes through this one
// instantiation of std::stable_sort (each std::stable_sort with its own lambda is ~3 KiB of wasm:
// issue 13, a lean wasm). Callers sort indices into their rows and read the rows in that order.
void stable_order(std::vector<size_t>& order, const std::function<bool(size_t, size_t)>& less);
std::vector<size_t> stable_order(size_t n, const std::function<bool(size_t, size_t)>& less);  // of 0..n-1

// Safe member access on JSON of unknown shape (nlohmann's value() throws on a type mismatch, and the
// web build has no exceptions): the member when `obj` is an object that has it, else null / dflt.
const Json& json_member(const Json& obj, const char* key);
std::string json_string(const Json& obj, const char* key, std::string_view dflt = "");
// The member when it is an array (or object, for `json_object`), else an empty one.
const Json& json_array(const Json& obj, const char* key);
const Json& json_object(const Json& obj, const char* key);

// Parses "zh", "zh-CN", "en", "en-US"... Unknown → nullopt.
std::optional<Lang> parse_lang(std::string_view s);

// CLDR cardinal plural categories of the languages we speak. Chinese has only `other`; English has
// `one` for exactly 1 written without decimals ("1 batch", but "1.0 batches", "0 batches") and
// `other` for everything else. The category of a number is read from the number as displayed.
enum class Plural { one, other };
Plural plural_category(Lang lang, std::string_view number_text);
Plural plural_category(Lang lang, int64_t n);

// A text in both languages. Every user-visible string in the core is one of these.
// A text that holds a count carries its plural forms: `zh` and `en` are the CLDR `other` forms
// (Chinese has no other), `en_one` the English `one` form ("{n} more batch needed"); empty when the
// text has no count or the forms are the same. In JSON files (catalog, awards, ui.json) a language
// is a string, or {"one": "...", "other": "..."} (see assets/catalog/SCHEMA.md, "Plural forms").
struct Text {
    std::string zh, en;
    std::string en_one = {};
    const std::string& get(Lang lang) const { return lang == Lang::en ? en : zh; }
    // The form for this count (the number as shown, or an integer).
    const std::string& get(Lang lang, std::string_view count) const {
        return lang == Lang::en && !en_one.empty() && plural_category(lang, count) == Plural::one ? en_one : get(lang);
    }
    const std::string& get(Lang lang, int64_t count) const {
        return lang == Lang::en && !en_one.empty() && plural_category(lang, count) == Plural::one ? en_one : get(lang);
    }
    // The text reduced to the forms for this count (other members: each language's chosen form).
    Text for_count(std::string_view count) const { return Text{zh, get(Lang::en, count), {}}; }
    Text for_count(int64_t count) const { return Text{zh, get(Lang::en, count), {}}; }
    bool empty() const { return zh.empty() && en.empty(); }
};

// Replaces every "{name}" with the given value (in one string, or in each language of a Text).
std::string format_string(std::string s, const std::vector<std::pair<std::string, std::string>>& args);
Text format_text(Text t, const std::vector<std::pair<std::string, std::string>>& args);
// A text with a count: the plural form chosen by `count` (as displayed), then "{n}" and `args` filled.
Text format_count(const Text& t, std::string_view count, const std::vector<std::pair<std::string, std::string>>& args = {});
// Reads a Text member of a JSON file: each language a string or {"one","other"} (English) /
// {"other"} (Chinese). False with a reason when the shape is wrong.
bool text_from_json(const Json& j, Text& out, std::string& why);

// An exact rational number (den > 0, reduced). Percentages, densities and quotas are computed
// with these so that a target is never missed or met by a floating-point rounding: in doubles
// 0.07 * 100 is 7.000000000000001 (so ceil gives 8) and 11000 * 0.07 rounds up to 771, not 770.
struct Rational {
    int64_t num = 0;
    int64_t den = 1;
    static Rational of(int64_t n, int64_t d = 1);   // reduces; d must be > 0
    double to_double() const { return (double)num / (double)den; }
};
int compare(const Rational& a, const Rational& b);  // -1, 0, +1 (exact, 128-bit products)
// a − b with 128-bit products, reduced before narrowing: exact whenever the result fits 64 bits
// (always, for validated figures), else the nearest fraction that does (never overflows).
Rational difference(const Rational& a, const Rational& b);
// Parses a plain decimal ("95", "0.2", "-1.5", "1e3"); nullopt for anything else or a value beyond
// int64. Digits beyond int64 precision after the point are dropped (only doubles' tails reach that).
std::optional<Rational> parse_decimal(std::string_view s);
// The shortest decimal that reads back as the same double, as a rational (0.1 → 1/10).
std::optional<Rational> rational_from_double(double v);
// A JSON number as an exact rational: an integer as it is, a float by its shortest decimal.
// nullopt for anything else (text, a non-finite number, a value beyond int64). The one place a
// number from a file becomes a Rational.
std::optional<Rational> json_rational(const Json& j);
// ⌈a⌉ and ⌊a⌋ for rationals.
int64_t ceil_div(__int128 n, __int128 d);
int64_t floor_div(__int128 n, __int128 d);

// Decimal text of a rational with exactly `decimals` digits after the point.
// Direction: round half up (nearest), or toward minus infinity (down), or toward plus infinity.
enum class Round { nearest, down, up };
std::string format_rational(const Rational& v, int decimals, Round dir = Round::nearest);

//-------------------------------------------------------------------------------------------------
// [SECTION] JSON from users: depth-limited, path-aware parsing
//-------------------------------------------------------------------------------------------------
// Every reader of JSON a person or another program gives us (assessment files, the page API, the
// saved workspace, catalogs, awards, the scoring model) parses with these rules: nesting deeper
// than kMaxJsonDepth is refused (a JSON value is copied, printed and freed recursively: 80,000
// nested objects crash the CLI, 8,000 broke every later autosave in the browser), and a number no
// double holds ("1e999", "-1e999") is refused naming where it stands ("settings.quotas.x").

struct Problem;                     // see the Catalog section
struct Catalog;
constexpr int kMaxJsonDepth = 64;   // objects and arrays inside each other, the outermost counted

// Parses a whole JSON document. On failure `out` is untouched and `error` (key "file") says what
// and where: "文件不是有效的 JSON：第 3 行第 5 列（…）", "JSON 嵌套超过 64 层（在 settings.a.a… 处）",
// "settings.x：数值超出范围（1e999）".
// With `names`, a number out of range under "figures" is named like read_assessment() names it:
// "figures.mfg_sampled_batches（制造业产品抽检批次）：数值超出范围（1e999）".
bool parse_json_document(std::string_view text, Json& out, Problem& error, const Catalog* names = nullptr);

//-------------------------------------------------------------------------------------------------
// [SECTION] Catalog: indicators, figures, groups, enums
//-------------------------------------------------------------------------------------------------

enum class Profile { county, enterprise };
const char* profile_id(Profile p);                    // "county", "enterprise"
std::optional<Profile> parse_profile(std::string_view s);

enum class FigureType { count, score, boolean, enumeration };
enum class RollupRule { none, sum, all, weighted_mean };

// How far a figure may plausibly move from one year to the next before the core asks "please check"
// (issue 16: a typing slip such as 1200 for 120 is caught before the file is sent). Catalog data:
// a default per figure type ("plausible_change": {"count": …, "score": …} at the top of the catalog)
// and a figure's own "plausible_change" over it; assets/catalog/SCHEMA.md documents the field.
//   factor:  the larger of the two years is more than `amount` × the smaller (×3 or ÷3), counted
//            only when the larger is at least `at_least` (0 → 2 awards is no slip; 0 → 200 may be);
//   percent: the change is more than `amount` % of the earlier year's value (a population ±20 %);
//   points:  the change is more than `amount` in the figure's own unit (a 0–100 score ±15 points);
//   none:    never flagged (yes/no and enum figures, or a figure the catalog marks false).
struct PlausibleChange {
    enum class Rule { none, factor, percent, points };
    Rule rule = Rule::none;
    Rational amount;
    int64_t at_least = 0;
};

struct FigureDef {
    std::string key;
    Profile profile = Profile::county;
    FigureType type = FigureType::count;
    std::string enum_id;        // for enumeration
    int64_t min = 0;            // for count
    Text name, unit, help;
    RollupRule rollup = RollupRule::none;
    std::string rollup_weight;  // for weighted_mean: the count figure that weighs it
    size_t index = 0;           // position in Catalog::figures (set by reindex())
    // A yes/no the core works out from a count figure so that one fact is asked once (catalog
    // "derived": {"from", "at_least"}): yes when the source is at least `derived_at_least`. When the
    // source is given it decides; otherwise a value the file carries (older files) is used as is.
    std::string derived_from;   // the source figure's key; empty when the figure is entered
    int64_t derived_at_least = 1;
    int derived_from_index = -1;  // its position in Catalog::figures (set by reindex())
    bool derived() const { return !derived_from.empty(); }
    // The county-level office that supplies the figure (an id of Catalog::departments), and the
    // policy clause whose 〔责任单位：…〕 names it; no clause when the policy names none and the office
    // that keeps the figure is given (Catalog::department_notes says so).
    std::string department, department_clause;
    // The figure's own plausible year-over-year change (catalog "plausible_change"), over its
    // type's default; see Catalog::plausible_change().
    std::optional<PlausibleChange> plausible_change;
};

enum class Kind { ratio, ratio_all, density, count, score, flag, rating, info };
const char* kind_id(Kind k);

// "figure equals value" — used by target_when and applies_when.
struct Condition {
    std::string figure;
    Json equals;
};

struct IndicatorDef {
    std::string id;
    Profile profile = Profile::county;
    std::string group;
    Kind kind = Kind::info;
    std::string num, den;       // ratio, ratio_all, density
    std::string figure;         // count, score, flag, rating, info
    bool has_target = false;
    Rational target;            // percent / per mille / count / points
    std::string target_enum;    // rating
    std::vector<std::pair<Condition, Rational>> target_when;
    std::optional<Condition> applies_when;
    bool city_scope = false;
    Text name, help, value_unit, shortfall, advice;
    std::string clause, quote;

    // The figure keys this indicator reads, in entry order (numerator first).
    std::vector<std::string> inputs() const;
    // The same as positions in Catalog::figures, and those of the condition figures (-1: none).
    // Set by reindex(), so that evaluation looks nothing up by name.
    std::vector<int> input_index;
    int applies_index = -1;
    std::vector<int> target_when_index;
};

struct GroupDef {
    std::string id;
    Profile profile = Profile::county;
    Text name;
    std::string clause;
};

struct EnumValue {
    std::string id;
    Text name;
};
struct EnumDef {
    std::string id;
    std::vector<EnumValue> values;  // ascending order
    int rank(std::string_view value) const;  // index in values, -1 when unknown
};

struct UnitDef {
    std::string id;
    Text name;
    std::vector<std::string> aliases;   // short forms people write ("东台" for 东台市), catalog data
};

// A county-level department that supplies figures (市场监管局, 民政局, …): catalog data.
struct DepartmentDef {
    std::string id;
    Text name;
};

struct ConstraintDef {
    std::string a, b;  // a ≤ b whenever both are present
    Text why;
};

struct Catalog {
    std::string id;
    Text name, city, source_title, source_issuer;
    std::string source_date;
    std::vector<UnitDef> units;
    std::vector<GroupDef> groups;
    std::vector<EnumDef> enums;
    std::vector<FigureDef> figures;
    std::vector<IndicatorDef> indicators;
    std::vector<ConstraintDef> constraints;
    // Who supplies each county figure ("departments"; optional: a catalog without them has no
    // per-department templates). When present, every county figure names one, and
    // `department_notes` says how they were chosen.
    std::vector<DepartmentDef> departments;
    Text department_notes;
    const DepartmentDef* department(std::string_view id) const;

    // Lookups by key/id (hashed; the index is built by load_catalog — call reindex() after
    // changing the vectors by hand).
    const FigureDef* figure(std::string_view key) const;
    const IndicatorDef* indicator(std::string_view id) const;
    const GroupDef* group(std::string_view id) const;
    const EnumDef* enumeration(std::string_view id) const;
    const UnitDef* unit_by_name(std::string_view name) const;  // by zh or en name
    // The unit a typed or read name stands for: trimmed (trim_spaces), then by its zh or en name,
    // its id or one of its aliases. nullptr when none.
    const UnitDef* find_unit(std::string_view typed) const;
    // Figure keys of a profile in entry order: as the indicators first read them, then the rest.
    const std::vector<std::string>& entry_order(Profile p) const;
    const std::vector<size_t>& entry_index(Profile p) const;  // the same as positions in figures
    void reindex();
    // The years an assessment under this catalog may be for, both included: the catalog file's
    // "years": {"from", "to"}, or 2000–2100 when it does not say. A year outside is refused with
    // check_year()'s message, never moved into the range.
    int year_min = 2000, year_max = 2100;
    // Plausible change per figure type (index: FigureType), the catalog's "plausible_change"; none
    // when the catalog does not say. The rule in force for a figure: its own, else its type's.
    PlausibleChange plausible_default[4];
    const PlausibleChange& plausible_change(const FigureDef& f) const {
        return f.plausible_change ? *f.plausible_change : plausible_default[(int)f.type];
    }
    Rational default_quota_share() const { return Rational::of(1, units.empty() ? 1 : (int64_t)units.size()); }

  private:
    // Hash indexes whose keys are views into figures[i].key / indicators[i].id. A copied catalog
    // starts with an empty index (the views would point into the original) and rebuilds it on
    // first use; a moved one keeps it (the strings do not move).
    struct Index {
        std::unordered_map<std::string_view, size_t> figures, indicators;
        Index() = default;
        Index(const Index&) {}
        Index(Index&&) = default;
        Index& operator=(const Index&) { figures.clear(); indicators.clear(); return *this; }
        Index& operator=(Index&&) = default;
    };
    mutable Index index_;
    void build_index() const;
    std::vector<std::string> entry_order_[2];
    std::vector<size_t> entry_index_[2];
};

enum class Severity { error, warning };

// One problem found in a catalog, an assessment file or its figures. `key` names the figure (or
// the field) it concerns, `code` is stable for scripts, `message` is for people: a sentence that
// names figures by their names, never by their keys ("设立首席质量官的规上企业（150）不能多于规模以上
// 企业总数（140）"). Only a catalog's own problems (for catalog authors) name ids and keys.
struct Problem {
    Severity severity = Severity::error;
    std::string key;
    std::string code;
    Text message;
};

// ASCII whitespace and the spaces other scripts type (ideographic U+3000, no-break U+00A0) taken
// off both ends.
std::string trim_spaces(std::string_view s);
// An assessment's unit, checked and made canonical in place: trimmed; for a county, one of the
// catalog's units (Catalog::find_unit) and then stored as its zh name ("东台 " → "东台市"); anything
// else is refused (key "unit", code "unit_unknown") naming the list (the city's own name is taken
// too: it is a roll-up's unit): "“东台县”不是本目录的县级单位，应为
// 以下之一：亭湖区、盐都区、…". An empty unit is left to validate() (a warning). Enterprise units are
// free text, only trimmed. Readers of files, the CLI and the app's forms call it; validate() reports
// the same error for a county unit that does not resolve.
std::optional<Problem> check_unit(const Catalog& c, Profile p, std::string& unit);

// A unit as shown to a reader in `lang`: a county's stored name (the catalog's zh name, see
// check_unit) becomes the catalog's name in that language, the city's the city's; an enterprise's
// name, or a name the catalog does not know, as it is.
std::string unit_display_name(const Catalog& c, Profile p, const std::string& unit, Lang lang);

// Loads and checks a catalog. On failure `out` is untouched and `problems` says why, by id.
bool load_catalog(std::string_view json_text, Catalog& out, std::vector<Problem>& problems);
// Loads and checks only a catalog's head (id, name, city, source, years, units: default_catalog_head).
bool load_catalog_head(std::string_view json_text, Catalog& out, std::vector<Problem>& problems);


//-------------------------------------------------------------------------------------------------
// [SECTION] Assessment: the user's figures and the qcity.assessment/1 file format
//-------------------------------------------------------------------------------------------------

constexpr const char* kAssessmentSchema = "qcity.assessment/1";
constexpr size_t kMaxFileBytes = 5u * 1024u * 1024u;

// A typed figure value. Absent is not zero: a figure the user has not entered is absent.
// Values keep the JSON type they came with (so a file round-trips exactly); validation decides
// whether that type fits the figure (text where a count is meant is an error, not a conversion).
struct FigureValue {
    enum class Type { absent, integer, real, boolean, text };
    Type type = Type::absent;
    int64_t i = 0;
    double r = 0;
    bool b = false;
    std::string s;

    static FigureValue integer(int64_t v) { FigureValue f; f.type = Type::integer; f.i = v; return f; }
    static FigureValue real(double v) { FigureValue f; f.type = Type::real; f.r = v; return f; }
    static FigureValue boolean(bool v) { FigureValue f; f.type = Type::boolean; f.b = v; return f; }
    static FigureValue text(std::string v) { FigureValue f; f.type = Type::text; f.s = std::move(v); return f; }
    static FigureValue from_json(const Json& j);   // arrays/objects become text (and fail validation)
    Json to_json() const;
    bool absent() const { return type == Type::absent; }
    bool operator==(const FigureValue& o) const;
    bool operator!=(const FigureValue& o) const { return !(*this == o); }
};

// A number kept exactly and as the file wrote it: a file read and written back is byte-identical
// (1.0 stays 1.0, 0.25 stays 0.25). One made by code is written from its value.
struct Decimal {
    Rational value;
    Json written;                                      // the JSON number as read (or made)
    static std::optional<Decimal> from_json(const Json& j);  // nullopt: not a usable number
    static Decimal of(int64_t n) { return Decimal{Rational::of(n), Json(n)}; }
};

// Assessment::settings, read once from the file's "settings" object (README, "City-wide counts").
// A member holds a value only when it is usable; a member the file has with an unusable value
// stays in `extra` as written, so validate() names it (settings.quota_share…) and it is not lost.
struct AssessmentSettings {
    enum class Scope { unset, unit, city };
    std::optional<Decimal> quota_share;                // a county's share of a city target, in (0, 1]
    std::map<std::string, int64_t> quotas;             // indicator id → explicit quota (≥ 0); ids checked by validate()
    Scope scope = Scope::unset;                        // "city": a city roll-up, full targets, no quotas
    std::optional<int> units_included, units_expected; // a roll-up's coverage (0–100000, see rollup())
    Json extra = Json::object();                       // unknown members and unusable values, as written

    bool city() const { return scope == Scope::city; }
    bool empty() const { return to_json().empty(); }
    bool operator==(const AssessmentSettings& o) const { return to_json() == o.to_json(); }
    static AssessmentSettings from_json(const Json& obj);  // an object (read_assessment checks that)
    Json to_json() const;                                  // the same shape: members as the file had them
};

// A threshold the user set for an award's gate: not required this year (false), a count, a rating.
struct GateThreshold {
    enum class Kind { waived, count, rating };
    Kind kind = Kind::waived;
    int64_t count = 0;
    std::string rating;                                // an enum value id ("AA")
    static GateThreshold not_required() { return GateThreshold{}; }
    static GateThreshold of_count(int64_t n) { return GateThreshold{Kind::count, n, {}}; }
    static GateThreshold of_rating(std::string id) { return GateThreshold{Kind::rating, 0, std::move(id)}; }
    static std::optional<GateThreshold> from_json(const Json& j);  // false, an integer or a string
    Json to_json() const;
};

// A self-score percentage as entered: a whole number, or the text as typed when it is not one
// (percent_from_text), kept so the person sees it and validation says what is wrong.
struct EnteredPercent {
    std::optional<int> whole;                          // its whole-number value (range and band unchecked)
    Json written;                                      // as the file holds it: 55, 55.0, "abc", null
    static EnteredPercent from_json(const Json& j);
};

// readiness.self_score.items.<item id>
struct ScoreEntry {
    std::optional<EnteredPercent> percent;
    std::optional<std::string> strength, improvement;  // notes
    Json extra = Json::object();                       // unknown members, non-text notes, as written
};

// readiness.self_score
struct SelfScoreEntries {
    std::optional<std::string> model;                  // the scoring model's id
    std::map<std::string, ScoreEntry> items;           // item id → entry (entries that are objects)
    std::optional<Decimal> reference;                  // the reference line, in points (range: validate())
    Json extra = Json::object();                       // unknown members and unusable values, as written
};

// Assessment::readiness, read once from the file's "readiness" object (README; enterprises): award gate
// thresholds set by the user and the GB/T 19580 self-score. As in AssessmentSettings, unusable
// parts (a gate value of the wrong type, "thresholds" not an object…) stay in `extra` as written
// at their place, for validate_readiness() to name.
struct ReadinessEntries {
    std::map<std::string, std::map<std::string, GateThreshold>> thresholds;  // award id → gate id → threshold
    std::optional<SelfScoreEntries> self_score;
    Json extra = Json::object();

    bool empty() const { return thresholds.empty() && !self_score && extra.empty(); }
    bool operator==(const ReadinessEntries& o) const { return to_json() == o.to_json(); }
    static ReadinessEntries from_json(const Json& obj);    // an object (read_assessment checks that)
    Json to_json() const;
};

// The county workflow (issue 15): evidence per indicator, the sign-off, a frozen submission.
// Read and written with the assessment (JSON; evidence and sign-off in the figures CSV and .xlsx
// too, as "#evidence" and "#signoff.*" rows). See [SECTION] County workflow for what uses them.

// 佐证材料 for one indicator: whether it is provided, where it is kept, a note.
enum class EvidenceStatus { provided, missing, not_needed };
const char* evidence_status_id(EvidenceStatus s);               // "provided", "missing", "not_needed"
Text evidence_status_text(EvidenceStatus s);                    // 已提供 / 缺少 / 无需
// An id or either language's words ("provided", "已提供", "Provided"…), trimmed; nullopt otherwise.
std::optional<EvidenceStatus> parse_evidence_status(std::string_view s);
struct Evidence {
    EvidenceStatus status = EvidenceStatus::missing;
    std::string where, note;                                    // where it is kept; a note
    bool operator==(const Evidence& o) const { return status == o.status && where == o.where && note == o.note; }
    bool operator!=(const Evidence& o) const { return !(*this == o); }
    Json to_json() const;                                       // {"status", "where"?, "note"?}
};

// 填报人, 审核人, 单位负责人, 联系电话, 日期 ("signoff" in the file): texts, each may be empty.
struct Signoff {
    std::string preparer, reviewer, head, phone, date;
    bool empty() const { return preparer.empty() && reviewer.empty() && head.empty() && phone.empty() && date.empty(); }
    bool operator==(const Signoff& o) const { return to_json() == o.to_json(); }
    Json to_json() const;                                       // the non-empty members
    // Each member: its key, its label.
    static const std::vector<std::pair<const char*, Text>>& fields();
    std::string* member(std::string_view key);
    const std::string* member(std::string_view key) const;
};

// A frozen submission (定稿): when, the SHA-256 of the canonical content, and that content.
// Freezing again makes version n + 1 and keeps the earlier ones' {version, at, sha256}.
struct SubmissionRecord {
    int version = 1;
    std::string at;                                             // ISO 8601 UTC, "2026-12-06T05:00:00Z"
    std::string sha256;                                         // 64 lowercase hex digits
};
struct Submission {
    SubmissionRecord current;
    Json content = Json::object();                              // canonical_content() when frozen
    std::vector<SubmissionRecord> previous;                     // older versions, oldest first
    bool operator==(const Submission& o) const;
    Json to_json() const;
};

// A figure a person checked after the core flagged an unusual change (issue 16): the value they
// confirmed and why it is right ("confirmed": {"<figure key>": {"value": 1200, "note": "…"}} in the
// file). While the figure still holds that value the warning rests; a new value warns again.
struct Confirmation {
    FigureValue value;
    std::string note;
    bool operator==(const Confirmation& o) const { return value == o.value && note == o.note; }
    bool operator!=(const Confirmation& o) const { return !(*this == o); }
    Json to_json() const;                                       // {"value", "note"?}
};

struct Assessment {
    std::string catalog;
    Profile profile = Profile::county;
    std::string unit;
    int year = 0;
    std::map<std::string, FigureValue, std::less<>> figures;  // absent figures may be missing or Type::absent
    std::map<std::string, std::string> notes;     // per indicator id or figure key: source of the figure
    AssessmentSettings settings;                  // quota share, quotas, scope; a roll-up's coverage
    ReadinessEntries readiness;                   // enterprise: award thresholds set by the user, self-score
    std::map<std::string, Evidence> evidence;     // indicator id → its evidence (佐证材料)
    Signoff signoff;                              // who prepared, reviewed and answers for it
    std::string department;                       // a department's partial file: its id (templates)
    std::map<std::string, std::string> sources;   // merged file: figure key → the file or department it came from
    std::optional<Submission> submission;         // the last frozen submission (qcity freeze)
    std::map<std::string, Confirmation> confirmed;  // figure key → a checked unusual change (issue 16)
    Json extra = Json::object();                  // unknown top-level members, kept for round trips

    const FigureValue* get(std::string_view key) const;
    bool operator==(const Assessment& o) const;
};

// Reads a qcity.assessment/1 document. On failure returns false, fills `error` (with line and
// column for malformed JSON) and leaves `out` exactly as it was. The catalog is checked by id
// when `catalog` is given. Structure only: figure values are checked by validate().
bool read_assessment(std::string_view text, const Catalog* catalog, Assessment& out, Problem& error);
// The error for a file over kMaxFileBytes (for callers that check the size before reading it all).
Problem file_too_large(size_t bytes);
bool read_assessment_json(const Json& doc, const Catalog* catalog, Assessment& out, Problem& error);
Json assessment_to_json(const Assessment& a);
std::string write_assessment(const Assessment& a);  // pretty JSON, stable key order, trailing newline
// A new assessment with every figure key of the profile present and absent (null in the file).
Assessment make_template(const Catalog& c, Profile p, std::string unit = "", int year = 0);
// "qcity-东台市-2023.json": the export file name (characters unsafe in file names replaced).
std::string export_filename(const Assessment& a);

// What a person typed into a figure's field, as a value. Empty → absent. Numbers may carry
// thousands separators and full-width digits ("1,200", "１２００", "1 200"); yes/no fields take
// 是/否/yes/no/true/false/1/0; enum fields take a value id or its name in either language.
// Anything else is kept as text, so validation can say what is wrong and the text is not lost.
FigureValue parse_figure_input(const Catalog& c, const FigureDef& f, std::string_view typed);
// The value as a person would type it back ("1200", "81.95", "是"/"yes", "AA").
std::string figure_input_text(const Catalog& c, const FigureDef& f, const FigureValue& v, Lang lang);

// Derived figures (FigureDef::derived_from). The value `f` takes from its source's value; nullopt
// when `f` is not derived or the source value is not a valid count (validation reports that).
std::optional<FigureValue> derive_figure(const Catalog& c, const FigureDef& f, const FigureValue& source);
// The figure a person types for `f`: its source when `f` is derived, else `f` itself. The entry
// form asks this one (a fact is asked once) and messages about a missing value name it.
const FigureDef& entered_figure(const Catalog& c, const FigureDef& f);
// What a derived figure stands at in this assessment, for the form (empty when `f` is not derived
// or neither it nor its source is given): "已导入卓越绩效管理：是（由实施卓越绩效管理年限得出）".
Text derived_figure_text(const Catalog& c, const FigureDef& f, const Assessment& a);

//-------------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------------

// Every problem with the assessment's figures and settings: errors (bad values, impossible
// combinations) and warnings (unknown keys). Never modifies anything.
std::vector<Problem> validate(const Catalog& c, const Assessment& a);
// The checks that concern one figure's value alone (type, sign, range, enum). A count is a whole
// number from its minimum up to kMaxCount; a score is from 0 to 100 with at most kMaxDecimals
// digits after the point (a score of 2e-18 is refused, "too_precise"): so every product the
// evaluation forms of entered numbers stays far inside 64 bits (and is taken in 128 anyway).
constexpr int64_t kMaxCount = 1000000000000LL;   // 10^12: beyond any real count
constexpr int kMaxDecimals = 6;
std::optional<Problem> check_figure_value(const Catalog& c, const FigureDef& f, const FigureValue& v);
// The assessment year against the catalog's range: nullopt when year_min ≤ year ≤ year_max, else the
// error (key "year", code "bad_year") naming the range: "年份 1999 不在目录适用范围 2022–2035 内".
// validate() and read_assessment() (given a catalog) report it; the app's year field can use it too.
std::optional<Problem> check_year(const Catalog& c, int year);
bool has_errors(const std::vector<Problem>& problems);

//-------------------------------------------------------------------------------------------------
// [SECTION] Evaluation
//-------------------------------------------------------------------------------------------------

enum class Status { met, not_met, missing, not_applicable, info, invalid };
const char* status_id(Status s);
Text status_text(Status s);

struct IndicatorResult {
    const IndicatorDef* def = nullptr;
    Status status = Status::missing;

    bool has_value = false;
    Rational value;              // exact: percent, per mille, count, points; 1/0 for flags
    std::string value_enum;      // rating (and info enums)
    Json raw;                    // info: the value as entered

    bool has_target = false;
    Rational target;             // the target this unit is judged against (a quota for city scope)
    std::string target_enum;
    bool quota = false;          // city-scope count judged against this unit's quota
    Rational city_target;        // for quota: the city-wide target
    // A city-scope count whose share of the city target is below one (one Governor's award for
    // eleven counties): no county can be held to it. Status `info`, no target and no shortfall; the
    // figure is shown as this unit's contribution ("全市目标 1 个，本单位新增 0 个"); the roll-up judges it.
    bool contribution = false;
    Text contribution_text;      // that sentence
    // The city judged on partial sums: some of the catalog's units are not in the roll-up yet, so
    // this status may still change (met stays met for "at least" counts; rates can move either way).
    bool provisional = false;

    bool has_shortfall = false;
    Rational shortfall;          // in the numerator's unit (batches, enterprises, points)
    Text shortfall_text;         // the sentence ("还需 4 家规上企业设立首席质量官"), empty when met
    Text reason;                 // why missing / invalid / not applicable
    double gap = 0;              // (target - value) / target, for sorting by distance; ≤ 0 when met

    std::vector<std::string> missing_figures;
    std::vector<std::string> invalid_figures;
};

struct Summary {
    int met = 0, not_met = 0, missing = 0, not_applicable = 0, info = 0, invalid = 0;
    int judged() const { return met + not_met + missing + invalid; }
    // Share of the targeted indicators (neither info nor not applicable) that have all their data.
    double completeness() const { return judged() == 0 ? 1.0 : (double)(met + not_met) / judged(); }
    // Evidence (佐证材料 18/31): indicators whose evidence is provided, of the profile's indicators
    // less those marked not needed.
    int evidence_provided = 0, evidence_expected = 0;
};

struct Evaluation {
    std::vector<IndicatorResult> results;  // catalog order, the assessment's profile only
    Summary summary;
    std::vector<Problem> problems;         // validate()'s output
    bool city = false;                     // settings.scope == "city": full city targets, no quotas
    Rational quota_share;
    // A city roll-up's coverage, from settings.units_included / units_expected (0 when not given).
    // While partial, the city's statuses that may still change are marked provisional.
    int units_included = 0, units_expected = 0;
    bool partial() const { return city && units_included < units_expected; }
};

Evaluation evaluate(const Catalog& c, const Assessment& a);

// "95.8 %", "是", "AA" — a value below its target is rounded down, never shown as reaching it.
std::string display_value(const Catalog& c, const IndicatorResult& r, Lang lang);
// "≥ 95 %", "= 100 %", "≥ 1 (quota; city 5)", and for a contribution "全市 1 个（不分配到县）".
std::string display_target(const Catalog& c, const IndicatorResult& r, Lang lang);

//-------------------------------------------------------------------------------------------------
// [SECTION] Roll-up: counties into the city
//-------------------------------------------------------------------------------------------------

// The city is judged on partial sums while some of the catalog's units are not in the roll-up.
// rollup() writes the coverage into the city assessment's settings ("units_included",
// "units_expected"), so that evaluate() stays a function of the assessment alone (a saved roll-up
// file says it too) and marks each city status that more units could still change `provisional`:
// a rate, density or score either way, a summed count only while not met (sums only grow), a flag
// held by every county only while met (one more county can break it), a zero denominator.
struct Rollup {
    Assessment city;                                           // summed figures, settings.scope = "city"
    std::vector<std::string> units;                            // in input order
    std::map<std::string, std::vector<std::string>> missing;   // figure key → units that lack it
    bool weighted_satisfaction = false;
    int units_expected = 0;                                    // the catalog's county-level units (11)
    int units_included() const { return (int)units.size(); }
    bool partial() const { return units_included() < units_expected; }   // statuses are provisional
};

// Combines county assessments of one catalog and one year. On failure returns false with the
// problems (duplicate units, mixed years or catalogs, an enterprise file, invalid figures).
// One unit twice is refused: units are compared as the catalog resolves them (trimmed, short forms
// by alias: " 东台市 " and "东台" are 东台市), and the message names the unit and both sources
// (`sources[i]` names counties[i]: a file name; when not given, "第 2 个评估" / "assessment 2").
bool rollup(const Catalog& c, const std::vector<Assessment>& counties, Rollup& out, std::vector<Problem>& problems,
            const std::vector<std::string>& sources = {});
// Words for the roll-up's coverage, shared by the CLI, the app and the report:
// "纳入 4/11 个县（市、区）" / "4 of 11 county-level units included";
Text units_included_text(int included, int expected);
// the mark after a provisional status, "（暂定）" / " (provisional)";
Text provisional_mark();
// and what it means: "（暂定）：尚有 7 个县（市、区）未纳入汇总，纳入后结果可能改变。" (plural forms by the count).
Text provisional_note(int included, int expected);

//-------------------------------------------------------------------------------------------------
// [SECTION] JSON output shared by the CLI and the web API
//-------------------------------------------------------------------------------------------------

// {"unit","year","profile","catalog","scope","indicators":[{"id","status","value","target","unit",
//  "shortfall",...}],"summary":{...},"problems":[{"severity","key","code","message"}]}.
// A county's city-scope count adds "quota": true and "city_target" when judged against a quota, or
// "contribution": true, "contribution_text" and "city_target" (status "info", target null) when its
// share is below one. A city roll-up adds "units_included", "units_expected", "provisional" (when
// it knows its coverage) and "provisional" on every indicator.
Json evaluation_to_json(const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang);
Json problem_to_json(const Problem& p, Lang lang);

// JSON text written straight from the results, byte for byte what nlohmann's
// dump(2, ' ', false, error_handler_t::replace) writes for the same document — without building the
// tree. Why not nlohmann here: the CLI's report of 3,000 enterprises is 97 MB of JSON, and building
// then serialising a tree of std::map nodes cost 35× the parse of the input (issue 13); written
// directly it costs a few times it. Members of an object must come in key order (the order of
// nlohmann's std::map), except in an object begun with any_order, whose members are sorted when it
// ends (for objects whose members come from several functions). Anything else goes in as a Json
// value (nlohmann's own serializer, at the right indent).
class JsonWriter {
public:
    // `depth`: how deep the first value starts (1: an element of an array at the top); `step`: the
    // spaces per level (nlohmann's dump(step)).
    explicit JsonWriter(std::string& out, unsigned depth = 0, unsigned step = 2);
    void begin_object(bool any_order = false);
    void end_object();
    void begin_array();
    void end_array();
    JsonWriter& key(const char* k);     // a member's key (plain ASCII, no escapes)
    JsonWriter& any_key(std::string_view k);  // a key from the data (escaped as nlohmann does)
    void string(std::string_view s);
    void number(int64_t v);
    void number(const Rational& r);     // an integer when whole, else a double (number_json)
    void boolean(bool b);
    void null();
    void value(const Json& j);
    void strings(const std::vector<std::string>& list);  // an array of strings
private:
    struct Frame {
        bool object = false, any_order = false;
        int count = 0;
        std::string* parent = nullptr;                              // any_order: where the object goes
        std::deque<std::pair<std::string, std::string>> members;   // any_order: key, value text
    };
    void before_value();
    void indent(unsigned depth);
    std::string* out_;
    unsigned depth_;
    unsigned step_;
    bool after_key_ = false;
    std::deque<Frame> frames_;     // a deque: an open member's text (out_) never moves
    std::string scratch_;
    nlohmann::detail::serializer<Json> serializer_;
};
// The same document as evaluation_to_json, written: the members of the evaluation object into the
// object `w` has open (a caller adds its own: readiness, changes).
void write_evaluation_members(JsonWriter& w, const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang);

//-------------------------------------------------------------------------------------------------
// [SECTION] Award readiness: eligibility gates and the GB/T 19580 self-score
//-------------------------------------------------------------------------------------------------
// An enterprise preparing to apply for an award asks: may we apply at all (the award's gates,
// judged on the enterprise's figures), how would we score (a self-assessment against GB/T 19580),
// and where do we lose the most points. Awards (assets/awards/*.json, qcity.award/1) and the
// scoring model (assets/scoring/*.json, qcity.scoring/1) are data: each rule names the published
// text it comes from; thresholds that differ by city or year are the user's to adjust.
//
// The assessment keeps the user's part under "readiness" (absent in older files, which still load):
//   "readiness": {
//     "thresholds": {"<award id>": {"<gate id>": 3}},   // adjusted only: a number (at_least),
//                                                       // a rating ("AA"), or false (waived this year)
//     "self_score": {"model": "gbt19580-2012", "reference": 600,
//                    "items": {"4.1.2": {"percent": 55, "strength": "…", "improvement": "…"}}}
//   }

// Where a rule comes from.
struct SourceDef {
    std::string id;
    Text title, issuer;
    std::string date;   // "2019-06", as published
    std::string url;    // may be empty (offline copies, printed notices)
};

// at_least: a count figure (years, times) ≥ threshold; flag: a yes/no figure must be yes;
// rating: an enum figure at or above a value (credit grade ≥ A); any_of: one of several such
// conditions on different figures holds ("an industry leader, a provincial 'little giant' or a
// single-product champion") — each alternative asks one question.
enum class GateRule { flag, at_least, rating, any_of };

struct GateDef {
    std::string id;
    GateRule rule = GateRule::flag;
    std::string figure;          // a figure of the enterprise profile (empty for any_of)
    std::vector<GateDef> any_of; // any_of: the alternatives (figure, rule, threshold; no id or texts)
    Text name;                   // the condition in a few words
    int64_t threshold = 0;       // at_least
    std::string threshold_enum;  // rating: the lowest accepted value
    int64_t threshold_max = 100; // at_least: the largest threshold a user may set
    std::optional<Condition> applies_when;   // e.g. the consumer-goods sales threshold
    std::string source;          // SourceDef id
    std::string clause;          // where in the source ("第三条", "申报条件（四）")
    Text rule_text;              // the rule as the source states it, in short
    // The figures the gate reads, in the order the form shows them: its figure or its
    // alternatives' figures (not the applies_when condition).
    std::vector<std::string> figures() const;
};

struct AwardDef {
    std::string id;
    Text name, level, summary, quota;
    std::vector<SourceDef> sources;
    std::vector<GateDef> gates;
    const SourceDef* source(std::string_view id) const;
};

struct ScoreItemDef {
    std::string id;              // "4.1.2"
    Text name;
    int points = 0;
    size_t category = 0;         // index in ScoreModel::categories
};

struct ScoreCategoryDef {
    std::string id;              // "4.1"
    Text name;
    int points = 0;
    bool results = false;        // results items are scored on levels–trends–comparisons–integration
    std::vector<size_t> items;   // indices in ScoreModel::items
};

// A scoring band: percentages min..max (in steps of ScoreModel::step) with what they mean.
struct ScoreBand {
    int min = 0, max = 0;
    Text process, results;       // ADLI description for process items, LeTCI for results items
};

struct ScoreModel {
    std::string id;              // "gbt19580-2012"
    Text name;
    SourceDef source;
    int total = 0;               // 1000
    int step = 5;                // percentages are multiples of step
    std::vector<ScoreCategoryDef> categories;
    std::vector<ScoreItemDef> items;
    std::vector<ScoreBand> bands;
    Text process_dimensions, results_dimensions;   // "方法、展开、学习、整合" …
    const ScoreItemDef* item(std::string_view id) const;
    // The band a percentage falls in, -1 when it is in none (5 %, 47 %, 120 %).
    int band_of(int percent) const;
    // The percentage one click on band `band` gives: its middle, rounded down to a step (0, 15,
    // 35, 55, 75, 95 for GB/T 19580); -1 for no such band.
    int band_pick(int band) const;
    // One step up (direction > 0) or down from `percent` to the next percentage that is in a band
    // (0 → +5 → 10, skipping the gap between 0 and 10 %); `percent` itself when there is none that
    // way. From a percentage in no band (47) it goes to the nearest valid one that way (50 or 45).
    int step_percent(int percent, int direction) const;
};

// A percentage as typed into the self-score ("55", " 55 % ", "55％"): the whole number; empty text
// gives null (not scored); anything else is kept as the typed string, so the file holds what was
// typed and validate_readiness says what is wrong with it ("47" → in no band; "abc" → not a whole
// number).
Json percent_from_text(std::string_view text);

struct ReadinessData {
    std::vector<AwardDef> awards;
    ScoreModel model;
    const AwardDef* award(std::string_view id) const;
};

// Load and check one file (on failure `problems` say why, by id, and `out` is untouched).
bool load_award(std::string_view json_text, AwardDef& out, std::vector<Problem>& problems);
bool load_score_model(std::string_view json_text, ScoreModel& out, std::vector<Problem>& problems);
// Checks that every gate names an enterprise figure of the catalog of the right type (and a rating
// value the figure's enum has). Problems name the award and gate.
bool check_awards(const Catalog& c, const std::vector<AwardDef>& awards, std::vector<Problem>& problems);
// The awards and scoring model shipped with qcity (checked against the default catalog by the tests).
const ReadinessData& builtin_readiness();

const char* gate_rule_id(GateRule r);             // "flag", "at_least", "rating", "any_of"

enum class GateStatus { passed, failed, missing, invalid, not_applicable, waived };
const char* gate_status_id(GateStatus s);
Text gate_status_text(GateStatus s);

struct GateResult {
    const GateDef* def = nullptr;
    GateStatus status = GateStatus::missing;
    int64_t threshold = 0;       // in force: the user's when adjusted, else the published one
    std::string threshold_enum;
    bool adjusted = false;       // the user set another threshold, or waived the gate
    Text requirement;            // "实施卓越绩效管理年限：不少于 3 年" (forms already chosen by the count)
    Text value;                  // what the enterprise entered ("2 年", "是", "A")
    Text reason;                 // why failed / missing / invalid; empty when passed
};

enum class AwardStatus { eligible, not_eligible, incomplete };
const char* award_status_id(AwardStatus s);
Text award_status_text(AwardStatus s);

struct AwardResult {
    const AwardDef* def = nullptr;
    AwardStatus status = AwardStatus::incomplete;
    std::vector<GateResult> gates;
    int passed = 0, failed = 0, missing = 0;   // invalid counts as missing (it cannot be judged);
                                               // waived and not applicable gates count in none
};

struct ItemScore {
    const ScoreItemDef* def = nullptr;
    bool scored = false;
    int percent = 0;
    int band = -1;
    Rational earned, lost;       // points: earned = points × percent / 100, lost = points − earned
    std::string strength, improvement;
};

struct CategoryScore {
    const ScoreCategoryDef* def = nullptr;
    Rational earned;
    int scored = 0;              // items scored out of def->items.size()
    int unscored_points = 0;     // the points of its items not scored yet
    Text unscored_text;          // "4.4 资源 130 分未评" / "4.4 Resources: 130 points not scored"
};

struct SelfScore {
    const ScoreModel* model = nullptr;
    std::vector<ItemScore> items;          // model order
    std::vector<CategoryScore> categories; // model order
    Rational total;
    int scored = 0;
    std::vector<size_t> top_lost;          // up to 5 scored items losing the most points (indices in items)
    std::vector<size_t> unscored;          // categories with items not scored, most points first (indices in categories)
    bool has_reference = false;
    Rational reference;                    // the user's reference line (points), when set
    Rational reference_gap;                // reference − total: points still to find (≤ 0 once reached)
};

struct ReadinessResult {
    std::vector<AwardResult> awards;
    SelfScore score;
};

// The readiness part of an enterprise assessment: problems with the user's thresholds and scores
// (errors name the item or gate and keep the value), added to validate()'s output for enterprises.
std::vector<Problem> validate_readiness(const ReadinessData& d, const Catalog& c, const Assessment& a);
ReadinessResult evaluate_readiness(const ReadinessData& d, const Catalog& c, const Assessment& a);
// "55 %"-style helpers shared by the CLI, the app and the JSON: points with up to two decimals.
std::string format_points(const Rational& points);
// {"awards":[{"id","name","status","gates":[{"id","rule","status","requirement","figures","figure"?,"value","reason",...}]}],
//  "self_score":{"total","available","scored","categories":[...],"items":[...],"top_lost":[...],
//                "unscored_categories":[{"id","name","points","text"}]}}
Json readiness_to_json(const ReadinessResult& r, Lang lang);
void write_readiness_json(JsonWriter& w, const ReadinessResult& r, Lang lang);   // the same, written

//-------------------------------------------------------------------------------------------------
// [SECTION] CSV: figures and results for spreadsheets
//-------------------------------------------------------------------------------------------------
// People fill and pass on figures in Excel. We write RFC 4180 CSV the way Excel reads it without
// asking (UTF-8 with a BOM, CRLF, cells quoted when they hold a separator, quote or line break) and
// read back what a spreadsheet saves: comma- or tab-separated, CRLF or LF, quoted cells with ""
// inside, a BOM or none.

using CsvRows = std::vector<std::vector<std::string>>;

// BOM + rows joined with CRLF, each cell made inert (inert_cell) and quoted when needed. Every CSV
// qcity writes (figures, results, the roll-up matrix) goes through here.
std::string write_csv(const CsvRows& rows);
// The OWASP rule against CSV injection: a text cell starting with = + - @, a tab or a carriage
// return is written with a single quote in front ("'=1+1"), so that Excel and WPS show it as text
// instead of running it as a formula. Numbers ("-3", "+1.5", "-2e3") are data and stay as they are.
// A text that already starts with quotes before such a character gets one more quote, so that
// restore_inert_cell() gives back exactly what was written: a note "=1+1" survives export → import.
std::string inert_cell(std::string_view text);
// What inert_cell() added, taken off: one leading quote of a cell that starts with one or more
// quotes and then = + - @, a tab or a CR. read_figures_csv() applies it to values, notes and the
// identity rows.
std::string restore_inert_cell(std::string_view cell);
// Splits CSV text into rows of cells. The separator is tab when the first line has a tab outside
// quotes and no comma, else comma. A leading BOM is dropped; blank lines are skipped. Fails (with
// the line number in `error`) on a quote left open at the end of the text.
bool parse_csv(std::string_view text, CsvRows& out, Problem& error);

// The figures as a template to fill in a spreadsheet. First the file's identity, one per row with
// the key in the first column ("#catalog", "#profile", "#unit", "#year": not "@", which Excel takes
// for a formula), then a header row
//   key, name_zh, name_en, value, unit, note
// and one row per figure of the profile in entry order, with its value as a person would type it
// (in `lang`: 是/否 or yes/no) and the figure's note.
std::string figures_to_csv(const Catalog& c, const Assessment& a, Lang lang);
// Reads such a file (as saved back by a spreadsheet) into an assessment: identity rows, then each
// figure row's value (parsed as if typed: "1,200", "是", "AA") and note. Columns are found by the
// header's names, so a spreadsheet that moved them still reads. Any bad cell (an unknown key, a
// value that does not fit its figure, a missing header) fails the whole read with an error naming
// the row, the column and the figure; `out` is then untouched. Rows for figures left empty are absent.
bool read_figures_csv(std::string_view text, const Catalog& c, Assessment& out, Problem& error);
// The evaluation as a table for Excel, in `lang`: id, indicator, status (words), then value,
// target and shortfall as plain numbers ("94.9", never rounded across the target; yes/no and
// ratings as words) with the unit in its own columns (value and target share one, the shortfall
// has its own: 4 enterprises short of a 95 % rate), then the texts as displayed (value, target,
// shortfall sentence), note, clause; with `changes` (year_over_year) a last column with each
// indicator's change, and rows for the indicators only last year had. A city-wide count a county
// only contributes to has no target: its status is "—" and its target text the contribution.
struct IndicatorChange;
std::string results_to_csv(const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang,
                           const std::vector<IndicatorChange>* changes = nullptr);

//-------------------------------------------------------------------------------------------------
// [SECTION] Files as bytes: encodings, .xlsx workbooks, any assessment file
//-------------------------------------------------------------------------------------------------
// A file arrives as bytes (the CLI reads them, the web page hands them over unchanged) and the core
// decides what they are from the content, never from the file name: Chinese Excel and WPS save
// "CSV (逗号分隔)" in GBK, "Unicode text" in UTF-16 with tabs (whatever the extension), and a
// workbook as .xlsx (a zip of XML). All three are read; anything else is refused with the reason.

// The text of a file as UTF-8 (without a BOM). Tried in this order: UTF-16 LE/BE with a BOM (Excel's
// "Unicode text"); UTF-8 with or without a BOM; GB18030 (which includes GBK and GB2312: what Chinese
// Excel/WPS write as "CSV"). Refused, with the byte offset and line: an empty file, UTF-32, UTF-16
// without a BOM, text that is neither UTF-8 nor GB18030, and binary data (NUL and other control
// bytes a text file does not hold). On failure `utf8` is untouched.
bool decode_text(std::string_view bytes, std::string& utf8, Problem& error);

// GB18030's two-byte table (cmake/gb18030_table.py). The native build links it in. The web build
// leaves it out of the wasm (15.6 KiB of gzip that few visits need): the page fetches dist/gb18030.bin
// when a file first needs it (text_needs_gb18030) and hands it over here, before the file's bytes.
// Without it, such a file is refused with file_encoding_table (and nothing is lost: try again).
void provide_gb18030_table(std::string deltas);
bool gb18030_table_available();
// The file would be read as GB18030: not an .xlsx workbook, no BOM (UTF-8, UTF-16, UTF-32), not
// UTF-16 without one, not valid UTF-8, and no control bytes (binary data).
bool text_needs_gb18030(std::string_view bytes);

// The first worksheet of an .xlsx workbook as rows of cells, the way a CSV of it would read:
// row i is the sheet's row i + 1 (rows and cells a program left out are empty), shared and inline
// strings as their text, numbers as written by the program (up to 15 significant digits, as Excel
// shows them), booleans as "true"/"false", formulas as their cached value. Refused with a reason:
// not a zip, a damaged or encrypted one, no worksheet, an entry that unpacks beyond kMaxXlsxEntryBytes
// (a zip bomb), more than kMaxXlsxRows rows or kMaxXlsxColumns columns holding values.
constexpr size_t kMaxXlsxEntryBytes = 20u * 1024u * 1024u;
constexpr int kMaxXlsxRows = 100000;
constexpr int kMaxXlsxColumns = 1024;
bool read_xlsx_rows(std::string_view bytes, CsvRows& out, Problem& error);
// The figures template (figures_to_csv's rows: identity, header, one row per figure) as a workbook
// with one sheet; numbers are numeric cells, everything else a string cell (never a formula).
std::string figures_to_xlsx(const Catalog& c, const Assessment& a, Lang lang);

// What a file turned out to be.
enum class FileFormat { json, csv, xlsx };
// Reads any assessment file from its bytes: a zip → an .xlsx figures table (read_figures_csv's
// layout on the first sheet); else the text (decode_text) starting with "{" → a qcity.assessment/1
// document (read_assessment); else a figures table as CSV, comma- or tab-separated. Tables are read
// against `catalog`, or the default catalog when it is null. Over kMaxFileBytes: file_too_large.
// `file_name` is only used in messages. On failure `out` is untouched and `error` says why.
bool read_assessment_file(std::string_view bytes, std::string_view file_name, const Catalog* catalog, Assessment& out,
                          Problem& error, FileFormat* format = nullptr);

//-------------------------------------------------------------------------------------------------
// [SECTION] Year over year, the roll-up matrix, the printable report
//-------------------------------------------------------------------------------------------------

// One indicator's change from last year's file of the same unit to this year's.
enum class Presence { both, this_year_only, last_year_only };
struct IndicatorChange {
    std::string id;
    Text name;
    Presence presence = Presence::both;
    bool comparable = false;     // both years have a value (a catalog change can leave one without)
    int direction = 0;           // +1 up, -1 down, 0 unchanged (every target here is "at least")
    Rational delta;              // this year − last year, in the value's own unit (percentage points…)
    Text text;                   // "↑ 2.5 个百分点", "否 → 是", "新增指标（上年目录中没有）"
};
// Pairs the indicators of two evaluations by id (the catalogs may differ between the years):
// this year's in order, then last year's that this year lacks.
std::vector<IndicatorChange> year_over_year(const Catalog& c, const Evaluation& this_year, const Evaluation& last_year);

// The city roll-up as a county × indicator table: each county judged on its own (against its
// quota), and the city row judged on the summed figures against the full targets.
struct RollupMatrix {
    std::vector<const IndicatorDef*> indicators;      // the county profile's, catalog order
    std::vector<std::string> units;                   // the counties, in input order
    std::vector<std::vector<IndicatorResult>> cells;  // [county][indicator]
    std::vector<IndicatorResult> city;                // [indicator]
    Evaluation city_evaluation;
    int units_expected = 0;                           // Rollup::units_expected (the catalog's units when 0)
    std::vector<int> submission;                      // [county]: a SubmissionState (never, unchanged, changed, damaged)
    int units_included() const { return (int)units.size(); }
    bool partial() const { return units_included() < units_expected; }
};
RollupMatrix rollup_matrix(const Catalog& c, const std::vector<Assessment>& counties, const Rollup& r);
// For Excel: identity rows first ("#units_included", "#units_expected", "#note" with the sentence
// "纳入 4/11 个县（市、区）" and, while partial, what "暂定" means), then a header row and one row per
// county and a last row for the city. Per indicator a value column holding a plain number (the
// unit is in the header: "… (%)"; yes/no and ratings as words) and a status column in words, the
// city's provisional statuses marked "（暂定）".
std::string rollup_matrix_csv(const Catalog& c, const RollupMatrix& m, Lang lang);

// The notes that belong to an indicator: its own, then those of the figures it reads (the CSV
// template keeps notes by figure), joined with "; ".
std::string indicator_note(const Assessment& a, const IndicatorDef& d);

//-------------------------------------------------------------------------------------------------
// [SECTION] Over the years and across the counties: trends, unusual changes, the league (trend.cpp)
//-------------------------------------------------------------------------------------------------
// Issue 16. Reviewers look at direction, not one year (GB/T 19580's results items score levels,
// trends and comparisons); a slip of the keyboard is caught by comparing with last year (DHIS2's
// outlier check); the city wants to know which county is ahead. All pure functions of their inputs:
// the app calls them when the saved years or the roll-up change, never every frame.

// Which way an indicator went over the years, judged on its target's side.
enum class TrendDirection { none, improving, steady, worsening };
const char* trend_direction_id(TrendDirection d);    // "improving", "steady", "worsening"; none: "" (JSON null)
Text trend_direction_text(TrendDirection d);          // 改善 / 持平 / 变差 / 无法判断 (none)

struct TrendPoint {
    int year = 0;
    IndicatorResult result;      // that year's evaluation of the indicator (status, value, target)
};
struct IndicatorTrend {
    const IndicatorDef* def = nullptr;
    std::vector<TrendPoint> series;   // one per file, in year order (a year without a value is kept: missing)
    TrendDirection direction = TrendDirection::none;
};
struct ReadinessYear {
    int year = 0;
    SelfScore score;             // the GB/T 19580 self-score of that year, per category
};
struct Trend {
    std::string unit, catalog;
    Profile profile = Profile::county;
    std::vector<int> years;                  // ascending
    std::vector<IndicatorTrend> indicators;  // the profile's indicators, catalog order
    std::vector<ReadinessYear> readiness;    // enterprise files (given `readiness` data): each year's self-score
};
// Several assessments of one unit, in any order. False (with `problems`, each naming both files by
// `names[i]`, or "第 2 个评估" / "assessment 2" when not given) when they are not of one catalog,
// profile and unit, when two are for the same year, or when none is given.
// Direction, from the first year with a value to the last (years without one are skipped):
//  - numbers (rates, densities, counts, scores): every target in the catalog is "at least", so up is
//    better (better_side() says so per kind; an "at most" kind would flip it). The change is
//    `steady` when within a tolerance: 0.5 percentage points for a rate, 0.5 points for a score,
//    2 % of the first value for a density or a count (so 100 → 101 is steady, 0 → 1 is not);
//  - yes/no indicators by their status (not met → met improving, met → not met worsening);
//  - ratings by the enum's order (A → AA improving);
//  - info indicators (no target, no side) and fewer than two years with a value: `none`.
bool trend(const Catalog& c, const std::vector<const Assessment*>& files, Trend& out, std::vector<Problem>& problems,
           const std::vector<std::string>& names = {}, const ReadinessData* readiness = nullptr);
// +1 when more is better for this kind (all kinds of the catalog format), -1 when less would be.
int better_side(Kind k);
// The value as `qcity evaluate --format json` writes it (a number, yes/no, a rating id, info as
// entered; null without one).
Json indicator_value_json(const IndicatorResult& r);
// {"unit","profile","catalog","years":[…],"indicators":[{"id","name","series":[{"year","value",
// "value_display","status"}],"direction"}],"readiness":[{"year","total","categories":[{"id","name",
// "earned","points","scored"}]}]} (readiness: enterprises only).
Json trend_to_json(const Catalog& c, const Trend& t, Lang lang);
// One row per indicator × year: id, indicator, year, value (a plain number, as in the results CSV),
// unit, status (words), direction (words).
std::string trend_csv(const Catalog& c, const Trend& t, Lang lang);

// A figure that moved more than its plausible change since an earlier year (issue 16).
struct UnusualChange {
    std::string key;
    const FigureDef* def = nullptr;
    int year_before = 0, year_now = 0;
    Text shown_before, shown_now;   // "120 批次" / "120 batches"
    Text limit;                     // "×3 或 ÷3" / "×3 or ÷3", "±20 %", "±15 分"
    bool confirmed = false;         // the file confirms this value (Assessment::confirmed)
    std::string note;               // the confirmation's note
    Text message;                   // the warning: "制造业产品抽检批次由 2022 年的 120 批次变为 2023 年的 1200 批次，变化超出通常范围（×3 或 ÷3），请核实…"
    Problem warning() const;        // severity warning, key the figure, code "unusual_change", the message
};
// Every figure of `now` whose value moved beyond Catalog::plausible_change() since `previous` (an
// earlier year of the same unit; nothing when it is not earlier or of another unit or profile), in
// entry order, confirmed ones included (marked). Figures absent, invalid or not numbers either year
// are skipped (validation speaks of those).
std::vector<UnusualChange> find_unusual_changes(const Catalog& c, const Assessment& now, const Assessment& previous);
// The ones not confirmed, as warnings (never errors: the exit code and the statuses do not change).
std::vector<Problem> unusual_changes(const Catalog& c, const Assessment& now, const Assessment& previous);
// Whether `now` confirms the figure's present value (the warning rests), and the "confirm" action:
// records the figure's present value with the note (an absent figure: nothing).
bool is_confirmed(const Assessment& now, std::string_view key);
void confirm_figure(Assessment& a, std::string_view key, std::string note);
// The latest of `saved` that is an earlier year of `now`'s unit, profile and catalog (nullptr: none):
// what the app compares the entry form with.
const Assessment* previous_year(const std::vector<const Assessment*>& saved, const Assessment& now);

// The county comparison of a city roll-up.
struct IndicatorRanking {
    const IndicatorDef* def = nullptr;
    std::vector<size_t> ranked;      // counties (indices in RollupMatrix::units) with a value, best first
    std::vector<size_t> without;     // counties without a value, matrix order
    bool numeric = false;            // min / median / max below are set (a rate, density, count or score)
    Rational min, median, max;       // over the counties ranked (median of an even count: the mean of the middle two)
};
struct LeagueRow {
    size_t county = 0;               // index in RollupMatrix::units
    std::string unit;
    int met = 0, not_met = 0, missing = 0;   // missing: missing data or invalid (cannot be judged)
    Rational completeness;           // (met + not met) / (met + not met + missing); 1 when nothing is judged
};
struct League {
    std::vector<LeagueRow> rows;                 // best first: most met, then completeness, then unit name
    std::vector<IndicatorRanking> indicators;    // RollupMatrix::indicators' order
};
// Ranking per indicator: by value on the target's side (better_side; yes before no; a higher rating
// first), ties by unit name; info indicators (no side) are not ranked (all counties in `without`).
// League: most met first, then the higher completeness, then the unit's name (its stored zh name,
// by UTF-8 bytes) — a stable order for equal records. Each county judged as in the matrix (its quota).
League league(const Catalog& c, const RollupMatrix& m);
// [{"unit","unit_name","met","not_met","missing","completeness"}] best first (completeness 0–1).
Json league_to_json(const Catalog& c, const League& l, Lang lang);
// Per indicator: {"id","name","ranking":[{"unit","value"}],"without":[…],"min","median","max"}.
Json rankings_to_json(const Catalog& c, const RollupMatrix& m, const League& l, Lang lang);
// rank, unit, met, not met, missing, completeness (%) — for Excel (write_csv).
std::string league_csv(const Catalog& c, const League& l, Lang lang);

// What goes into a printable report. `assessment` and `evaluation` are required; the rest add
// sections when given.
struct ReportInput {
    const Catalog* catalog = nullptr;
    const Assessment* assessment = nullptr;
    const Evaluation* evaluation = nullptr;
    const ReadinessResult* readiness = nullptr;              // enterprise
    const std::vector<IndicatorChange>* changes = nullptr;   // with last year's file
    int last_year = 0;
    const RollupMatrix* matrix = nullptr;                    // a city roll-up: the county matrix
    const Rollup* rollup = nullptr;                          // …and which counties lack which figures
    const League* league = nullptr;                          // …and the county comparison (issue 16)
    const Trend* trend = nullptr;                            // the unit's years: a trends section
    const std::vector<UnusualChange>* unusual = nullptr;     // figures moved unusually since `last_year`'s file
    Lang lang = Lang::zh;
    std::string exported;                                    // the export date, "2026-11-28"
};
// A self-contained HTML document (no scripts, no external resources; inline CSS and SVG), with
// semantic headings and tables for screen readers, laid out for A4 print.
std::string report_html(const ReportInput& in);
// The city report's input for a roll-up: the city's own result, the county matrix, which counties
// lack which figures, the county comparison when given (the CLI's `report` of several files, the
// app's city report). The references must outlive the result.
ReportInput city_report_input(const Catalog& c, const Rollup& r, const RollupMatrix& m, const League* l = nullptr,
                              Lang lang = Lang::zh, std::string exported = {});

//-------------------------------------------------------------------------------------------------
// [SECTION] Text layout: where a wrapped line may break
//-------------------------------------------------------------------------------------------------
// Wrapping by the rules people read by, for the app (every wrapped text) and anything else that lays
// out lines. Dear ImGui's own wrap takes a run of Chinese for one word and cuts it anywhere, so a
// line could start with "，" or split "1,000". Here:
//  - a line may break between two CJK characters (and between CJK and other text), after spaces
//    (the spaces are left at the end of the line, not drawn), after a hyphen between letters, and
//    before or after a dash (——) but not inside it;
//  - never before closing punctuation (，。、；：？！）」』】》”’…% and ASCII ,.;:!?)]} …) and never
//    after opening punctuation or a prefix sign ((（「『【《“‘ ≥ ≤ ¥ $ …), across spaces too, so
//    "94.9 %" and "≥ 1" stay on one line and "(?)" is never split;
//  - a run of letters, digits and their separators is one word: "1,000", "94.9", "2022-11-19",
//    "10–25%" never break inside;
//  - "\n" ends a line;
//  - a word longer than the line still breaks, between code points (at least one per line, so
//    zero or negative width gives one code point per line and never loops);
//  - invalid UTF-8 bytes are taken one at a time as characters and never split a valid sequence.

// Width of a piece of the text, in the unit of `width` (pixels for the app). Should grow as the
// piece grows (a longer prefix is never narrower); the app passes ImGui::CalcTextSize.
using MeasureText = std::function<float(std::string_view)>;

// One line: bytes [begin, end) of the text; the spaces at a soft break and the "\n" at a hard one
// belong to no line.
struct TextLine {
    size_t begin = 0, end = 0;
    bool operator==(const TextLine& o) const { return begin == o.begin && end == o.end; }
};

// The text's lines at `width`, in order. An empty text is one empty line; a text ending with "\n"
// ends with an empty line.
std::vector<TextLine> break_lines(std::string_view text, float width, const MeasureText& measure);

//-------------------------------------------------------------------------------------------------
// [SECTION] Backup: every assessment in one file, qcity.backup/1 (backup.cpp)
//-------------------------------------------------------------------------------------------------
// "Back up everything" writes all of a person's assessments into one JSON document:
//   {"schema": "qcity.backup/1", "written_at": "2026-12-05T06:03:00Z", "written_ms": 1796450580000,
//    "app": "qcity 0.1.0", "count": 2,
//    "assessments": [{"id": "a1", "edited": 1796450000000, "drafts": {"<figure key>": "text as typed"},
//                     "assessment": { a qcity.assessment/1 document }}, …]}
// Reading is strict about the envelope (size, JSON, schema, nesting depth, the list) and lenient
// per entry: an entry that does not read is named (its position, unit and year when it has them)
// and the reason given, and every other entry still comes back. Drafts that are not texts are
// dropped (the assessment keeps the typed text as the figure's value anyway).

constexpr const char* kBackupSchema = "qcity.backup/1";
constexpr size_t kMaxBackupBytes = 20u * 1024u * 1024u;  // a few thousand assessments
constexpr size_t kMaxBackupEntries = 10000;
constexpr int kMaxBackupDepth = 64 + 3;                  // an assessment's 64 levels inside the envelope

struct BackupEntry {
    std::string id;                                   // the workspace's id for it (informative)
    Assessment assessment;
    std::map<std::string, std::string> drafts;        // figure key → text as typed
    double edited_ms = 0;                             // last edit, ms since the epoch (0: not known)
};

struct Backup {
    std::string written_at;                           // as written: ISO 8601, UTC
    double written_ms = 0;
    std::string app;                                  // the program that wrote it ("qcity 0.1.0")
    std::vector<BackupEntry> entries;                 // the entries that read, in the file's order
    std::vector<Problem> bad;                         // one per entry that did not: key "assessments[2]"
};

// The backup document (pretty JSON, trailing newline). `app` names the writer ("qcity 0.1.0").
std::string write_backup(const std::vector<BackupEntry>& entries, double now_ms, std::string_view app);
// "qcity-backup-2026-12-05.json" (the date in UTC).
std::string backup_filename(double now_ms);
// Whether a file claims to be a backup (names the schema): then read_backup, not read_assessment.
bool looks_like_backup(std::string_view text);
// Reads a backup. False (with `error`, `out` untouched) when the file is not one: too large, not
// JSON, nested too deeply, another schema (code "not_backup") or a newer version, no list.
// True otherwise, even when some entries did not read (then listed in out.bad).
bool read_backup(std::string_view text, const Catalog* catalog, Backup& out, Problem& error);

//-------------------------------------------------------------------------------------------------
// [SECTION] County workflow: departments, merging partial files, evidence, a frozen submission (workflow.cpp)
//-------------------------------------------------------------------------------------------------
// How a county reports (issue 15): its quality office sends each department a template of the
// figures it supplies, merges the files that come back, attaches evidence per indicator, has the
// form signed and stamped, and freezes what it sends; the city checks that what it got is what was
// signed. Everything here is a pure function of its inputs (the time of a freeze is passed in).

// The department a person named: its id exactly, else every department whose zh or en name holds
// the text (ASCII case ignored). None or several: nullptr and `error` (key "department", code
// "department_unknown" / "department_ambiguous") listing the choices ("民政局 (civil_affairs)…").
const DepartmentDef* find_department(const Catalog& c, std::string_view typed, Problem& error);
// A department's figures of a profile, in entry order.
std::vector<std::string> department_figures(const Catalog& c, Profile p, std::string_view department_id);
// The department's name in both languages (the id itself when the catalog does not know it).
Text department_name(const Catalog& c, std::string_view id);
// make_template() holding only the department's figures, with `department` set (the CSV and
// .xlsx templates then list only those rows and say "#department").
Assessment make_department_template(const Catalog& c, Profile p, const DepartmentDef& d, std::string unit = "", int year = 0);

// Merging files of one unit and one year (the departments' partial files). Each figure comes from
// the file that has it; a figure with different values in two files is a conflict, and so are an
// indicator's evidence, a sign-off member or the settings that differ. Notes that differ are joined
// (no note is lost). A conflict is settled by `choose` (its key → the index of the file whose value
// wins; the app's side-by-side choice) or by `prefer` (that file wins every conflict it is part of).
// The merged file records `sources`: figure → the department of the file it came from (its name
// in Chinese), else the file's name. A previous submission of an input is not carried over.
// A confirmed unusual change (`confirmed`) goes with the value the merged file keeps (never a conflict).
struct MergeConflict {
    std::string key;            // a figure key, "evidence.<indicator id>", "signoff.<member>", "settings"
    Text label;                 // the figure's or indicator's name ("制造业产品抽检批次", "佐证材料：…")
    size_t file_a = 0, file_b = 0;      // the two files, by index (file_a < file_b)
    Json value_a, value_b;      // the values as the files hold them
    Text shown_a, shown_b;      // as a person reads them ("1,200" → "1200", 是/yes)
    bool settled = false;       // by `choose` or `prefer`
    size_t winner = 0;          // when settled: file_a or file_b
};
struct MergeOptions {
    int prefer = -1;                               // index of the preferred file, -1: none
    std::map<std::string, size_t> choose;          // conflict key → index of the winning file
};
struct MergeResult {
    Assessment merged;
    std::vector<MergeConflict> conflicts;          // every conflict found, settled or not
    size_t unsettled() const;
};
// False (with `problems`) when the files are not of one catalog, profile, unit and year (each
// mismatch names both files: `names[i]` names files[i]) or fewer than one file is given. True
// otherwise; the merged assessment may then be written only when unsettled() is 0.
bool merge_assessments(const Catalog& c, const std::vector<Assessment>& files, const std::vector<std::string>& names,
                       const MergeOptions& options, MergeResult& out, std::vector<Problem>& problems);
// "制造业产品抽检批次（mfg_sampled_batches）：a.json 为 1200，b.json 为 1300" / English likewise.
Text merge_conflict_text(const MergeConflict& m, const std::vector<std::string>& names);

// Evidence: the indicator's entry (nullptr when none) and the words for completeness,
// "佐证材料 18/31" / "Evidence 18 of 31".
const Evidence* evidence_of(const Assessment& a, std::string_view indicator_id);
Text evidence_count_text(const Summary& s);

// The sign-off block's labels: 填报人 / Prepared by, … (Signoff::fields()).

// The canonical content of an assessment, what a submission's hash covers: an object with the
// identity (catalog, profile, unit, year) and figures (absent ones left out), notes (empty ones
// left out), evidence, settings and signoff (each left out when empty). Not covered: readiness,
// sources, department, submission, confirmed (issue 16: a review note, not content), unknown
// members. Written as canonical JSON: keys sorted by their UTF-8 bytes, no spaces, UTF-8 (not \u
// escapes), numbers as the file wrote them (1200, 81.95, 1.0): nlohmann's compact dump() of the object.
// README, "The county workflow", documents it.
Json canonical_content(const Assessment& a);
std::string canonical_json(const Json& j);
// SHA-256 (FIPS 180-4) of bytes, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
std::string content_sha256(const Assessment& a);          // sha256_hex(canonical_json(canonical_content(a)))
// The assessment frozen at `at` (ISO 8601 UTC): `submission` is its content, hash and time, as
// version 1, or the next version (the earlier ones kept) when it was frozen before.
Assessment freeze(const Assessment& a, std::string at);

// What changed since the submission.
enum class SubmissionState { never, unchanged, changed, damaged };
const char* submission_state_id(SubmissionState s);       // "never", "unchanged", "changed", "damaged"
Text submission_state_text(SubmissionState s);            // 已提交，未改动 / 提交后有改动 / 未提交 / 提交记录损坏
struct ContentChange {
    std::string key;            // a figure key, "notes.<key>", "evidence.<id>", "signoff.<member>", "settings", "unit"…
    Text label;                 // as a person knows it
    Text before, after;         // as shown ("—" when absent)
};
struct SubmissionCheck {
    SubmissionState state = SubmissionState::never;
    std::string sha256_now;     // the content's hash now
    std::vector<ContentChange> changes;   // figures first (entry order), then the rest
    Text why;                   // damaged: why (the content does not match its hash)
};
SubmissionCheck check_submission(const Catalog& c, const Assessment& a);
// One line per change: "制造业产品抽检批次（mfg_sampled_batches）：1200 → 1300".
Text content_change_text(const ContentChange& ch);

//-------------------------------------------------------------------------------------------------
// [SECTION] Embedded assets (generated at build time from assets/)
//-------------------------------------------------------------------------------------------------

// Most are compiled in. A build may leave some out for its platform to provide: the web build's
// first download carries no file only deferred code reads (the award files, the scoring model, the
// report's style sheet: they travel in the deferred half of its wasm, CMakeLists.txt), nor the UI's
// English (a file beside the page). The core asks the platform for one the first time it is looked
// up (set_embedded_files_provider), so a lookup always finds every file the build ships.
struct EmbeddedFile {
    const char* name;   // "catalog/yancheng-2022.json"
    const unsigned char* data;
    size_t size;
};
const std::vector<EmbeddedFile>& embedded_files();   // every file (asks for the provided ones first)
std::vector<EmbeddedFile> embedded_files_under(std::string_view dir);   // "awards/": asks only if one is provided
std::string_view embedded(std::string_view name);   // empty when not embedded
// The platform's side. `provide` is called the first time a file this build leaves out is looked up
// and not yet provided, with its name (once per name); it is to call provide_embedded_file with it
// (synchronously; others too if it likes). A platform may also provide a file before it is asked.
// Files provided are kept for the program's life (a name provided twice keeps the first).
void set_embedded_files_provider(void (*provide)(const char* name));
void provide_embedded_file(std::string name, std::string data);
namespace detail {
const std::vector<EmbeddedFile>& compiled_embedded_files();   // generated (cmake/embed_assets.py)
const std::vector<const char*>& provided_embedded_names();    // generated: the files left out
}  // namespace detail

// The catalogs shipped with qcity, loaded once. Returns nullptr for an unknown id.
const Catalog* builtin_catalog(std::string_view id);
const Catalog& default_catalog();
// The default catalog's head: its id, name, city, source, years and units (what the start screen's
// form shows), for a first frame that needs nothing else of it. default_catalog() itself once the
// built-in catalogs are loaded, or when no head was compiled in (native builds compile every catalog
// in). The web build compiles in only "catalog/<id>.head.json" (cmake/embed_assets.py): its
// catalogs are files beside the page, fetched after the first frame (20 KiB of gzip out of the first
// download) and provided by the platform when first looked up.
const Catalog& default_catalog_head();
std::vector<std::string> builtin_catalog_ids();

// The interface's strings (assets/i18n/ui.json: {"key": {"zh": text, "en": text or {"one", "other"}}}),
// as the build ships them (cmake/embed_assets.py --strings): its Chinese as a table,
// "i18n/ui.zh.strings", each key and its text NUL-terminated one after the other, read without a
// JSON parser (the web build's first frame draws Chinese: ui.json parsed by nlohmann there was ~12 ms,
// and its parser's code compiled by the browser on the way, issue 13); its English as
// "i18n/ui.en.json", {"key": text or {"one", "other"}}, read when English is first wanted (the web
// build: a file beside the page).
class UiStrings {
public:
    // Moved, never copied: the keys are views into the strings this holds (a moved deque keeps them
    // where they are; a copy's views would point into the original).
    UiStrings() = default;
    UiStrings(UiStrings&&) = default;
    UiStrings& operator=(UiStrings&&) = default;
    UiStrings(const UiStrings&) = delete;
    UiStrings& operator=(const UiStrings&) = delete;
    // The table's views point into `table`, which must outlive this (an embedded file: the program's
    // life). A table with a key and no text (cut short) keeps what came before.
    void read_table(Lang lang, std::string_view table);
    // False when `json` is not an object (nothing read). Texts of other shapes are left out.
    bool read_json(Lang lang, std::string_view json);
    // The text of `key` in `lang`: a plain text, or the plural form `count` (the number as shown)
    // chooses, `other` without a count. Null when the key has no text in that language.
    const char* find(std::string_view key, Lang lang, const std::string* count = nullptr) const;
    size_t size() const { return by_key_.size(); }

private:
    struct Forms {
        const char* plain = nullptr;
        const char* one = nullptr;
        const char* other = nullptr;
    };
    std::string_view key_view(std::string_view key);  // a view of `key` that lives as long as this
    std::unordered_map<std::string_view, std::array<Forms, 2>> by_key_;
    std::deque<std::string> owned_;  // keys and texts read from JSON (a deque: they never move)
};

}  // namespace qcity
