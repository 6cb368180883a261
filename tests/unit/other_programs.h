// Files as other programs save them (GBK, GB18030, UTF-16, .xlsx by openpyxl and by hand), made
// once per test run by tests/fixtures/other_programs.py with Debian's python3 (codecs, openpyxl)
// into a temporary directory: never by qcity's own writer.
#pragma once

#include "support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace qt {

struct OtherPrograms {
    std::filesystem::path dir;
    OtherPrograms() {
        dir = std::filesystem::temp_directory_path() / ("qcity_other_programs_" + std::to_string((long)getpid()));
        const char* py = std::getenv("QCITY_PYTHON");
        std::string cmd = std::string(py && *py ? py : "/usr/bin/python3") + " '" QCITY_SOURCE_DIR "/tests/fixtures/other_programs.py' '" +
                          dir.string() + "'";
        int rc = std::system(cmd.c_str());
        REQUIRE_MESSAGE(rc == 0, "tests/fixtures/other_programs.py failed (python3 with openpyxl: run ./emsdk-setup.sh)");
    }
    ~OtherPrograms() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string path(const std::string& name) const { return (dir / name).string(); }
    std::string bytes(const std::string& name) const {
        std::ifstream in(dir / name, std::ios::binary);
        REQUIRE_MESSAGE(in.good(), name);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
};

inline const OtherPrograms& other_programs() {
    static OtherPrograms files;
    return files;
}

}  // namespace qt
