// The baseline for bench/run.sh: read and parse the same files with nlohmann/json alone, nothing
// else, so that the CLI's cost can be given as a ratio to a raw parse.
//   qcity_bench_parse FILE...   prints "parsed N files, M bytes"
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
    size_t bytes = 0, ok = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        bytes += text.size();
        nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_discarded()) ++ok;
    }
    std::cout << "parsed " << ok << " files, " << bytes << " bytes\n";
    return ok == (size_t)(argc - 1) ? 0 : 1;
}
