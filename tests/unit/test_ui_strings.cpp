// The interface's strings as the build ships them (core.h, UiStrings; cmake/embed_assets.py --strings):
// the Chinese table and the English JSON say what assets/i18n/ui.json says, key by key; hostile
// tables and files are read as far as they go, and a ui.json the table cannot carry stops the build.
#include "support.h"

#include "other_programs.h"

#include <fstream>
#include <iterator>

namespace qcity_test_ui_strings {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A text found, or "<none>" (a failed check, not a crash, when a lookup finds nothing).
std::string text(const char* s) { return s ? std::string(s) : std::string("<none>"); }

void read_shipped(UiStrings& s) {
    s.read_table(Lang::zh, embedded("i18n/ui.zh.strings"));
    REQUIRE(s.read_json(Lang::en, embedded("i18n/ui.en.json")));
}

TEST_CASE("the shipped strings say what ui.json says, in both languages, every key") {
    const Json ui = Json::parse(slurp(QCITY_SOURCE_DIR "/assets/i18n/ui.json"));
    REQUIRE(ui.size() > 200);
    UiStrings read;
    read_shipped(read);
    // Moved after reading (the app's init assigns a fresh one): the views into what it holds stay good.
    const UiStrings s = std::move(read);
    CHECK(s.size() == ui.size());
    int plural = 0;
    const std::string one = "1", two = "2", one_point_oh = "1.0";
    for (auto it = ui.begin(); it != ui.end(); ++it) {
        const std::string key = it.key();
        const Json& forms = *it;
        CAPTURE(key);
        REQUIRE(forms.contains("zh"));
        REQUIRE(forms.contains("en"));
        const Json& zh = forms.at("zh");
        const Json& en = forms.at("en");
        REQUIRE(zh.is_string());
        CHECK(text(s.find(key, Lang::zh)) == zh.get<std::string>());
        if (en.is_string()) {
            CHECK(text(s.find(key, Lang::en)) == en.get<std::string>());
        } else {
            REQUIRE(en.is_object());
            ++plural;
            CHECK(text(s.find(key, Lang::en, &one)) == en.at("one").get<std::string>());
            CHECK(text(s.find(key, Lang::en, &two)) == en.at("other").get<std::string>());
            CHECK(text(s.find(key, Lang::en, &one_point_oh)) == en.at("other").get<std::string>());
            CHECK(text(s.find(key, Lang::en)) == en.at("other").get<std::string>());  // no count: other
            CHECK(text(s.find(key, Lang::zh, &one)) == zh.get<std::string>());        // Chinese: one text
        }
    }
    CHECK(plural >= 5);
    CHECK(s.find("no.such.key", Lang::zh) == nullptr);
    CHECK(s.find("no.such.key", Lang::en) == nullptr);
}

TEST_CASE("a table or an English file that is not whole is read as far as it goes") {
    using namespace std::string_literals;
    // (The tables outlive `s`: it keeps views into them, as into an embedded file.)
    const std::string table = "a\0甲\0b\0乙\0c"s, cut = "d\0丁\0e\0戊"s, empty;
    UiStrings s;
    s.read_table(Lang::zh, table);  // "c" cut short: a key with no end
    CHECK(s.size() == 2);
    CHECK(text(s.find("a", Lang::zh)) == "甲");
    CHECK(text(s.find("b", Lang::zh)) == "乙");
    CHECK(s.find("c", Lang::zh) == nullptr);
    CHECK(s.find("a", Lang::en) == nullptr);  // no English yet
    // A text with no end (no NUL after it): left out, never handed out unterminated.
    s.read_table(Lang::zh, cut);
    CHECK(text(s.find("d", Lang::zh)) == "丁");
    CHECK(s.find("e", Lang::zh) == nullptr);
    CHECK(s.size() == 3);
    s.read_table(Lang::zh, empty);
    CHECK(s.size() == 3);

    // Not an object: nothing read, the Chinese kept.
    for (const char* bad : {"", "[1,2]", "\"a\"", "{\"a\": \"A\"", "null"}) {
        CAPTURE(bad);
        CHECK_FALSE(s.read_json(Lang::en, bad));
        CHECK(s.find("a", Lang::en) == nullptr);
        CHECK(text(s.find("a", Lang::zh)) == "甲");
    }
    // Texts of other shapes left out; a key only the English has is read too.
    REQUIRE(s.read_json(Lang::en, R"({"a": "A", "b": 7, "c": {"one": "{n} C", "other": "{n} Cs"},
                                      "g": {"one": "no other"}, "h": {"other": ["x"]}, "f": "F"})"));
    CHECK(text(s.find("a", Lang::en)) == "A");
    CHECK(s.find("b", Lang::en) == nullptr);
    CHECK(text(s.find("b", Lang::zh)) == "乙");
    const std::string one = "1";
    CHECK(text(s.find("c", Lang::en, &one)) == "{n} C");
    CHECK(text(s.find("c", Lang::en)) == "{n} Cs");
    CHECK(s.find("g", Lang::en, &one) == nullptr);
    CHECK(s.find("h", Lang::en) == nullptr);
    CHECK(text(s.find("f", Lang::en)) == "F");
    CHECK(s.find("f", Lang::zh) == nullptr);
    // Moved: what it read from JSON (its own copies) and from the table still found.
    UiStrings moved = std::move(s);
    CHECK(text(moved.find("c", Lang::en, &one)) == "{n} C");
    CHECK(text(moved.find("f", Lang::en)) == "F");
    CHECK(text(moved.find("d", Lang::zh)) == "丁");
}

TEST_CASE("a ui.json whose Chinese the table cannot carry stops the build, naming the key") {
    const std::string dir = qt::other_programs().path("ui-strings");
    std::filesystem::create_directories(dir + "/i18n");
    const char* py = std::getenv("QCITY_PYTHON");
    const std::string python = py && *py ? py : "/usr/bin/python3";
    auto build = [&](const std::string& ui) {
        std::ofstream(dir + "/i18n/ui.json", std::ios::binary) << ui;
        std::string cmd = python + " '" QCITY_SOURCE_DIR "/cmake/embed_assets.py' '" + dir + "/out.cpp' '" + dir +
                          "' i18n/ui.json --strings i18n/ui.json '" + dir + "/ui.en.json' 2> '" + dir + "/err.txt'";
        return std::system(cmd.c_str());
    };
    REQUIRE(build(R"({"ok": {"zh": "好", "en": "OK"}, "n": {"zh": "{n} 个", "en": {"one": "{n} item", "other": "{n} items"}}})") == 0);
    CHECK(slurp(dir + "/ui.en.json") == R"({"n":{"one":"{n} item","other":"{n} items"},"ok":"OK"})");
    CHECK(qt::contains(slurp(dir + "/out.cpp"), "\"i18n/ui.zh.strings\""));
    CHECK_FALSE(qt::contains(slurp(dir + "/out.cpp"), "\"i18n/ui.json\""));
    for (const char* bad : {R"({"ok": {"zh": "好"}, "n": {"zh": {"one": "一个", "other": "{n} 个"}, "en": "x"}})",
                            R"({"ok": {"zh": "好"}, "n": {"en": "only English"}})", R"({"ok": {"zh": "好"}, "n": "plain"})",
                            R"({"ok": {"zh": "好"}, "n": {"zh": "半\u0000截"}})"}) {
        CAPTURE(bad);
        CHECK(build(bad) != 0);
        CHECK(qt::contains(slurp(dir + "/err.txt"), "\"n\" has no Chinese text"));
    }
}

}  // namespace qcity_test_ui_strings
