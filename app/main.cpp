#include "cli/cli.hpp"

#include <iostream>

int main(int argc, char** argv) { return rehearse::cli::run(argc, argv, std::cin, std::cout, std::cerr); }
