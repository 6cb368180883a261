// Shared by the workspace tests: a tab opened over what another tab stored, its save (read, merge,
// write: what the app does before every save), and an item's assessment by id.
#pragma once

#include <string>

#include "support.h"
#include "workspace.h"

namespace qt {

inline qcity::app::Workspace tab(const std::string& stored, const char* session) {
    qcity::app::Workspace ws;
    ws.catalog = &qt::cat();
    ws.session = session;
    if (!stored.empty()) REQUIRE(ws.from_json(qcity::Json::parse(stored)));
    return ws;
}

inline qcity::app::MergeReport save(qcity::app::Workspace& ws, std::string& stored) {
    qcity::app::MergeReport r;
    if (!stored.empty()) REQUIRE(ws.merge_from(qcity::Json::parse(stored), r));
    stored = ws.to_json().dump();
    return r;
}

inline const qcity::Assessment& assessment_of(const qcity::app::Workspace& ws, const std::string& id) {
    int k = ws.find(id);
    REQUIRE(k >= 0);
    return ws.items[(size_t)k].assessment;
}

}  // namespace qt
