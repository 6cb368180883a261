// Baselines for bench/run.sh, over the same files and the same file reading:
//   qcity_bench_parse raw FILE...    read + parse with nlohmann/json alone
//   qcity_bench_parse judge FILE...  read + qcity::read_assessment + validate + evaluate (no output)
// The ratio judge/raw is what judging costs over the raw parse; the CLI's own figure adds
// writing its report.
#include "core.h"

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2 || (std::strcmp(argv[1], "raw") != 0 && std::strcmp(argv[1], "judge") != 0)) {
        std::cerr << "usage: qcity_bench_parse raw|judge FILE...\n";
        return 2;
    }
    bool judge = std::strcmp(argv[1], "judge") == 0;
    size_t bytes = 0, ok = 0, met = 0;
    for (int i = 2; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        bytes += text.size();
        if (!judge) {
            nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
            if (!j.is_discarded()) ++ok;
            continue;
        }
        qcity::Assessment a;
        qcity::Problem p;
        const qcity::Catalog& c = qcity::default_catalog();
        if (!qcity::read_assessment(text, &c, a, p)) continue;
        qcity::Evaluation e = qcity::evaluate(c, a);
        met += (size_t)e.summary.met;
        ++ok;
    }
    std::cout << (judge ? "judged " : "parsed ") << ok << " files, " << bytes << " bytes" << (judge ? ", " + std::to_string(met) + " met" : "") << "\n";
    return ok == (size_t)(argc - 2) ? 0 : 1;
}
