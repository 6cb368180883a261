// libFuzzer target: any file's bytes as the CLI and the web app read them (read_assessment_file:
// encoding sniffing, GB18030/UTF-16 decoding, .xlsx, JSON, CSV), with the default catalog; and
// decode_text alone. Must never crash, and a successful decode is always valid UTF-8.
#include "core.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes((const char*)data, size);
    qcity::Problem error;
    std::string text;
    if (qcity::decode_text(bytes, text, error)) {
        qcity::CsvRows rows;
        if (!qcity::parse_csv(text, rows, error) && error.code == "csv_encoding") std::abort();  // decoded text must be UTF-8
    }
    qcity::Assessment a;
    qcity::read_assessment_file(bytes, "fuzz", &qcity::default_catalog(), a, error);
    return 0;
}
