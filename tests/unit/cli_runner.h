// Running the `qcity` command line from a unit test: a temporary directory that lives as long as the
// test binary (or a test), files written into it, and the CLI run as a separate process (popen) with
// its standard output, standard error and exit code — a crash (a signal) fails the test, it is not an
// exit code. One copy for every test file that runs the CLI (test_cli, test_cli_files, test_report,
// test_readiness, test_cells).
#pragma once

#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace qt {

// A fresh directory under the system's temporary directory, removed with everything in it.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& prefix = "qcity_test") {
        std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        REQUIRE(mkdtemp(buf.data()) != nullptr);
        path = buf.data();
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path / name).string(); }
    // Writes `content` to `name` in the directory and returns its path.
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream out(path / name, std::ios::binary);
        out << content;
        out.close();
        REQUIRE(out.good());
        return file(name);
    }
};

inline std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// One argument for /bin/sh, in single quotes.
inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

struct CliRun {
    int code = -1;
    std::string out, err;
};

// Runs `qcity <args>` where `args` is already shell text (the caller quotes its own paths);
// stderr goes through a file in `dir`.
inline CliRun run_cli_shell(const std::filesystem::path& dir, const std::string& args) {
    std::string err_path = (dir / "stderr.txt").string();
    std::string cmd = shell_quote(QCITY_CLI_PATH) + " " + args + " 2>" + shell_quote(err_path);
    CliRun r;
    FILE* f = popen(cmd.c_str(), "r");
    REQUIRE(f != nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
    int status = pclose(f);
    REQUIRE(WIFEXITED(status));  // a crash (SIGSEGV, an abort) is not an exit
    r.code = WEXITSTATUS(status);
    r.err = read_whole_file(err_path);
    return r;
}

// Runs `qcity <args…>`, each argument quoted.
inline CliRun run_cli_in(const std::filesystem::path& dir, const std::vector<std::string>& args) {
    std::string line;
    for (const std::string& a : args) line += (line.empty() ? "" : " ") + shell_quote(a);
    return run_cli_shell(dir, line);
}

// The run's standard output as JSON (the test fails, showing both streams, when it is not JSON).
inline qcity::Json cli_json(const CliRun& r) {
    CAPTURE(r.out);
    CAPTURE(r.err);
    qcity::Json j = qcity::Json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

}  // namespace qt
