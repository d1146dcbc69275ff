// nestmap: the GUI on a map file, or one of the command-line subcommands.
#include <iostream>

#include "app/cli.hpp"
#ifdef NESTMAP_WITH_GUI
#include "app/export_png.hpp"
#include "app/gui.hpp"
#endif

int main(int argc, char** argv) {
  nestmap::CliHooks hooks;
#ifdef NESTMAP_WITH_GUI
  hooks.openGui = nestmap::runGui;
  hooks.renderView = nestmap::renderViewPng;
#endif
  return nestmap::runCli(argc, argv, hooks, std::cout, std::cerr);
}
