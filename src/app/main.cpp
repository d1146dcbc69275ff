// nestmap: the GUI on a map file, or one of the command-line subcommands.
#include <iostream>

#include "app/cli.hpp"
#ifdef NESTMAP_WITH_GUI
#include "app/gui.hpp"
#endif

int main(int argc, char** argv) {
  nestmap::CliHooks hooks;
#ifdef NESTMAP_WITH_GUI
  hooks.openGui = nestmap::runGui;
#endif
  return nestmap::runCli(argc, argv, hooks, std::cout, std::cerr);
}
