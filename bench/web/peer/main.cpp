// A peer for bench/web/run.mjs: Dear ImGui's minimal hello window on GLFW + WebGL2 (like its own
// example_glfw_opengl3 without the demo), linked against the same `imgui` library with the same
// Release flags as qcity (-Oz, LTO, emmalloc). The bench reads its navigation → first frame time
// beside ours, so the ratio says what qcity adds over Dear ImGui itself on the same machine and run.
// Not shipped (built to build/web/peer/, not dist/).
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"

#include <GLFW/glfw3.h>
#include <emscripten.h>

// The shared library is built with qcity's item hooks compiled in (IMGUI_ENABLE_TEST_ENGINE, off
// until a test turns them on): the peer has nothing to record.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) {}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

EM_JS(void, peer_first_frame, (), { window.qcityFirstFrameMs = performance.now(); });
EM_JS(int, peer_canvas_width, (), { return window.innerWidth; });
EM_JS(int, peer_canvas_height, (), { return window.innerHeight; });

static GLFWwindow* g_window = nullptr;
static int g_frame = 0;
static int g_clicks = 0;

static void frame() {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_FirstUseEver);
    ImGui::Begin("Hello, world!");
    ImGui::Text("A peer page for qcity's bench.");
    if (ImGui::Button("Button")) ++g_clicks;
    ImGui::SameLine();
    ImGui::Text("clicked %d times", g_clicks);
    ImGui::Text("%.1f ms/frame", 1000.0f / ImGui::GetIO().Framerate);
    ImGui::End();
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(g_window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.45f, 0.55f, 0.60f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (++g_frame == 1) peer_first_frame();
}

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(peer_canvas_width(), peer_canvas_height(), "peer", nullptr, nullptr);
    if (!g_window) return 1;
    glfwMakeContextCurrent(g_window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(frame, 0, 1);
    return 0;
}
