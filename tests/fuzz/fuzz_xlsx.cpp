// libFuzzer target: the .xlsx reader (minizip + pugixml + our glue) on arbitrary bytes, then the
// figures-table reader on whatever rows it gives. Must never crash, leak or hang; a 20 MB cap per
// zip entry bounds the work.
#include "core.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes((const char*)data, size);
    qcity::CsvRows rows;
    qcity::Problem error;
    if (qcity::read_xlsx_rows(bytes, rows, error)) {
        qcity::Assessment a;
        qcity::read_assessment_file(bytes, "fuzz.xlsx", &qcity::default_catalog(), a, error);
    }
    return 0;
}
