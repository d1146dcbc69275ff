#include "render/graph_renderer.hpp"

#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>

#include "core/embedded.hpp"
#include "render/instances.hpp"

namespace nestmap {
namespace {

constexpr int kEdgeSegments = 12;  // as in shaders/edge.vert

std::string_view shaderSource(std::string_view name) {
  auto text = embedded::find(embedded::shaders(), name);
  return text ? *text : std::string_view();
}

unsigned compile(GLenum kind, std::string_view source, std::string& error) {
  const unsigned shader = glCreateShader(kind);
  const char* text = source.data();
  const GLint length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    error = log;
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

unsigned link(std::string_view vertexName, std::string_view fragmentName, std::string& error) {
  const unsigned vs = compile(GL_VERTEX_SHADER, shaderSource(vertexName), error);
  if (!vs) {
    error = std::string(vertexName) + ": " + error;
    return 0;
  }
  const unsigned fs = compile(GL_FRAGMENT_SHADER, shaderSource(fragmentName), error);
  if (!fs) {
    error = std::string(fragmentName) + ": " + error;
    glDeleteShader(vs);
    return 0;
  }
  const unsigned program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    error = std::string(vertexName) + " + " + std::string(fragmentName) + ": " + log;
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

void instanceAttribute(GLuint location, GLint size, GLenum type, bool normalized, GLsizei stride, std::size_t offset) {
  glEnableVertexAttribArray(location);
  if (type == GL_FLOAT || normalized)
    glVertexAttribPointer(location, size, type, normalized ? GL_TRUE : GL_FALSE, stride,
                          reinterpret_cast<const void*>(offset));
  glVertexAttribDivisor(location, 1);
}

/// Points the edge (or arrow) vertex arrays at instances from `first` on.
void edgeAttributes(std::size_t first, bool withRadius) {
  const GLsizei stride = sizeof(EdgeInstance);
  const std::size_t base = first * sizeof(EdgeInstance);
  instanceAttribute(0, 2, GL_FLOAT, false, stride, base + offsetof(EdgeInstance, fromX));
  instanceAttribute(1, 2, GL_FLOAT, false, stride, base + offsetof(EdgeInstance, toX));
  instanceAttribute(2, 1, GL_FLOAT, false, stride, base + offsetof(EdgeInstance, width));
  instanceAttribute(3, 4, GL_UNSIGNED_BYTE, true, stride, base + offsetof(EdgeInstance, color));
  instanceAttribute(4, 1, GL_FLOAT, false, stride, base + offsetof(EdgeInstance, curve));
  instanceAttribute(5, 1, GL_FLOAT, false, stride, base + offsetof(EdgeInstance, flags));
  if (withRadius) instanceAttribute(6, 1, GL_FLOAT, false, stride, base + offsetof(EdgeInstance, toRadius));
}

}  // namespace

GraphRenderer::~GraphRenderer() { release(); }

void GraphRenderer::release() {
  for (Program* p : {&m_nodes, &m_edges, &m_arrows})
    if (p->id) glDeleteProgram(p->id), p->id = 0;
  for (unsigned* b : {&m_quad, &m_nodeBuffer, &m_edgeBuffer})
    if (*b) glDeleteBuffers(1, b), *b = 0;
  for (unsigned* a : {&m_nodeVao, &m_edgeVao, &m_arrowVao})
    if (*a) glDeleteVertexArrays(1, a), *a = 0;
}

bool GraphRenderer::init(std::string& error) {
  release();
  struct {
    Program* program;
    const char *vertex, *fragment;
  } programs[] = {{&m_nodes, "node.vert", "node.frag"},
                  {&m_edges, "edge.vert", "edge.frag"},
                  {&m_arrows, "arrow.vert", "arrow.frag"}};
  for (auto& p : programs) {
    p.program->id = link(p.vertex, p.fragment, error);
    if (!p.program->id) return false;
    p.program->center = glGetUniformLocation(p.program->id, "u_center");
    p.program->zoom = glGetUniformLocation(p.program->id, "u_zoom");
    p.program->viewport = glGetUniformLocation(p.program->id, "u_viewport");
    p.program->minRadius = glGetUniformLocation(p.program->id, "u_minRadius");
  }
  m_selectColor = glGetUniformLocation(m_nodes.id, "u_selectColor");
  m_hoverColor = glGetUniformLocation(m_nodes.id, "u_hoverColor");
  m_partyColor = glGetUniformLocation(m_nodes.id, "u_partyColor");
  m_borderColor = glGetUniformLocation(m_nodes.id, "u_borderColor");
  m_edgeSelectColor = glGetUniformLocation(m_edges.id, "u_selectColor");

  const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
  glGenBuffers(1, &m_quad);
  glBindBuffer(GL_ARRAY_BUFFER, m_quad);
  glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
  glGenBuffers(1, &m_nodeBuffer);
  glGenBuffers(1, &m_edgeBuffer);

  glGenVertexArrays(1, &m_nodeVao);
  glBindVertexArray(m_nodeVao);
  glBindBuffer(GL_ARRAY_BUFFER, m_quad);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glBindBuffer(GL_ARRAY_BUFFER, m_nodeBuffer);
  const GLsizei stride = sizeof(NodeInstance);
  instanceAttribute(1, 2, GL_FLOAT, false, stride, offsetof(NodeInstance, x));
  instanceAttribute(2, 1, GL_FLOAT, false, stride, offsetof(NodeInstance, radius));
  instanceAttribute(3, 4, GL_UNSIGNED_BYTE, true, stride, offsetof(NodeInstance, color));
  instanceAttribute(4, 1, GL_FLOAT, false, stride, offsetof(NodeInstance, shape));
  instanceAttribute(5, 1, GL_FLOAT, false, stride, offsetof(NodeInstance, flags));

  glGenVertexArrays(1, &m_edgeVao);
  glBindVertexArray(m_edgeVao);
  glBindBuffer(GL_ARRAY_BUFFER, m_edgeBuffer);
  edgeAttributes(0, false);
  glGenVertexArrays(1, &m_arrowVao);
  glBindVertexArray(0);
  return true;
}

bool GraphRenderer::upload(const Scene& scene) {
  if (m_uploaded == &scene && scene.version == m_version && scene.positionsVersion == m_positionsVersion &&
      scene.stateVersion == m_stateVersion)
    return false;
  m_uploaded = &scene;
  m_version = scene.version;
  m_positionsVersion = scene.positionsVersion;
  m_stateVersion = scene.stateVersion;

  packInstances(scene, m_nodeData, m_edgeData, m_arrowFirst);
  m_nodeCount = m_nodeData.size();
  m_edgeCount = m_edgeData.size();
  glBindBuffer(GL_ARRAY_BUFFER, m_nodeBuffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_nodeCount * sizeof(NodeInstance)), m_nodeData.data(),
               GL_DYNAMIC_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, m_edgeBuffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_edgeCount * sizeof(EdgeInstance)), m_edgeData.data(),
               GL_DYNAMIC_DRAW);
  glBindVertexArray(m_arrowVao);
  glBindBuffer(GL_ARRAY_BUFFER, m_edgeBuffer);
  edgeAttributes(m_arrowFirst, true);
  glBindVertexArray(0);
  return true;
}

void GraphRenderer::draw(const Scene& scene, const Camera& camera, int x, int y, int width, int height,
                         float pixelRatio) {
  if (!m_nodes.id || width <= 0 || height <= 0) return;
  upload(scene);
  glViewport(x, y, width, height);
  glEnable(GL_SCISSOR_TEST);
  glScissor(x, y, width, height);
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  auto setCamera = [&](const Program& p) {
    glUseProgram(p.id);
    glUniform2f(p.center, static_cast<float>(camera.center.x), static_cast<float>(camera.center.y));
    glUniform1f(p.zoom, static_cast<float>(camera.zoom));
    glUniform2f(p.viewport, static_cast<float>(width), static_cast<float>(height));
    if (p.minRadius >= 0) glUniform1f(p.minRadius, kMinNodePixels * pixelRatio);
  };
  if (m_edgeCount) {
    setCamera(m_edges);
    glUniform4f(m_edgeSelectColor, kSelectColor[0], kSelectColor[1], kSelectColor[2], 1.0f);
    glBindVertexArray(m_edgeVao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 2 * (kEdgeSegments + 1), static_cast<GLsizei>(m_edgeCount));
    if (m_edgeCount > m_arrowFirst) {
      setCamera(m_arrows);
      glBindVertexArray(m_arrowVao);
      glDrawArraysInstanced(GL_TRIANGLES, 0, 3, static_cast<GLsizei>(m_edgeCount - m_arrowFirst));
    }
  }
  if (m_nodeCount) {
    setCamera(m_nodes);
    glUniform4f(m_selectColor, kSelectColor[0], kSelectColor[1], kSelectColor[2], 1.0f);
    glUniform4f(m_hoverColor, 0.20f, 0.20f, 0.20f, 0.85f);
    glUniform4f(m_partyColor, kPartyColor[0], kPartyColor[1], kPartyColor[2], 1.0f);
    glUniform4f(m_borderColor, 0.0f, 0.0f, 0.0f, 1.0f);
    glBindVertexArray(m_nodeVao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(m_nodeCount));
  }
  glBindVertexArray(0);
  glUseProgram(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace nestmap
