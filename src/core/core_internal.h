// qcity core — shared between the core's own files, not part of its interface.
#pragma once

#include "core.h"

namespace qcity::detail {

// An assessment's figures laid out by catalog position, looked up once per validation or
// evaluation (instead of by name for every indicator).
struct FigureTable {
    std::vector<const FigureValue*> values;  // by FigureDef::index; nullptr when absent
    std::vector<std::string> unknown;        // keys the catalog does not know
    std::vector<const FigureDef*> foreign;   // figures of the other profile
    FigureTable(const Catalog& c, const Assessment& a);
    const FigureValue* at(int index) const { return index >= 0 ? values[(size_t)index] : nullptr; }
};

std::vector<Problem> validate(const Catalog& c, const Assessment& a, const FigureTable& t);

}  // namespace qcity::detail
