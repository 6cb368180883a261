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

UiStrings shipped() {
    UiStrings s;
    s.read_table(Lang::zh, embedded("i18n/ui.zh.strings"));
    REQUIRE(s.read_json(Lang::en, embedded("i18n/ui.en.json")));
    return s;
}

TEST_CASE("the shipped strings say what ui.json says, in both languages, every key") {
    const Json ui = Json::parse(slurp(QCITY_SOURCE_DIR "/assets/i18n/ui.json"));
    REQUIRE(ui.size() > 200);
    const UiStrings s = shipped();
    CHECK(s.size() == ui.size());
    int plural = 0;
    for (const auto& [key, forms] : ui.items()) {
        CAPTURE(key);
        REQUIRE(forms["zh"].is_string());
        const char* zh = s.find(key, Lang::zh);
        REQUIRE(zh != nullptr);
        CHECK(std::string(zh) == forms["zh"].get<std::string>());
        const Json& en = forms["en"];
        if (en.is_string()) {
            const char* got = s.find(key, Lang::en);
            REQUIRE(got != nullptr);
            CHECK(std::string(got) == en.get<std::string>());
        } else {
            REQUIRE(en.is_object());
            ++plural;
            const std::string one = "1", two = "2", one_point_oh = "1.0";
            CHECK(std::string(s.find(key, Lang::en, &one)) == en["one"].get<std::string>());
            CHECK(std::string(s.find(key, Lang::en, &two)) == en["other"].get<std::string>());
            CHECK(std::string(s.find(key, Lang::en, &one_point_oh)) == en["other"].get<std::string>());
            CHECK(std::string(s.find(key, Lang::en)) == en["other"].get<std::string>());  // no count: other
            CHECK(std::string(s.find(key, Lang::zh, &one)) == forms["zh"].get<std::string>());  // Chinese: one text
        }
    }
    CHECK(plural >= 5);
    CHECK(s.find("no.such.key", Lang::zh) == nullptr);
    CHECK(s.find("no.such.key", Lang::en) == nullptr);
}

TEST_CASE("a table or an English file that is not whole is read as far as it goes") {
    using namespace std::string_literals;
    const std::string table = "a\0甲\0b\0乙\0c"s;  // "c" cut short: no text
    UiStrings s;
    s.read_table(Lang::zh, table);
    CHECK(s.size() == 2);
    CHECK(std::string(s.find("a", Lang::zh)) == "甲");
    CHECK(std::string(s.find("b", Lang::zh)) == "乙");
    CHECK(s.find("c", Lang::zh) == nullptr);
    CHECK(s.find("a", Lang::en) == nullptr);  // no English yet
    s.read_table(Lang::zh, ""s);
    CHECK(s.size() == 2);

    // Not an object: nothing read, the Chinese kept.
    for (const char* bad : {"", "[1,2]", "\"a\"", "{\"a\": \"A\"", "null"}) {
        CAPTURE(bad);
        CHECK_FALSE(s.read_json(Lang::en, bad));
        CHECK(s.find("a", Lang::en) == nullptr);
        CHECK(std::string(s.find("a", Lang::zh)) == "甲");
    }
    // Texts of other shapes left out; a key only the English has is read too.
    REQUIRE(s.read_json(Lang::en, R"({"a": "A", "b": 7, "c": {"one": "{n} C", "other": "{n} Cs"},
                                      "d": {"one": "no other"}, "e": {"other": ["x"]}, "f": "F"})"));
    CHECK(std::string(s.find("a", Lang::en)) == "A");
    CHECK(s.find("b", Lang::en) == nullptr);
    CHECK(std::string(s.find("b", Lang::zh)) == "乙");
    const std::string one = "1";
    CHECK(std::string(s.find("c", Lang::en, &one)) == "{n} C");
    CHECK(std::string(s.find("c", Lang::en)) == "{n} Cs");
    CHECK(s.find("d", Lang::en, &one) == nullptr);
    CHECK(s.find("e", Lang::en) == nullptr);
    CHECK(std::string(s.find("f", Lang::en)) == "F");
    CHECK(s.find("f", Lang::zh) == nullptr);
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
                            R"({"ok": {"zh": "好"}, "n": {"en": "only English"}})", R"({"ok": {"zh": "好"}, "n": "plain"})"}) {
        CAPTURE(bad);
        CHECK(build(bad) != 0);
        CHECK(qt::contains(slurp(dir + "/err.txt"), "\"n\" has no Chinese text"));
    }
}

}  // namespace qcity_test_ui_strings
