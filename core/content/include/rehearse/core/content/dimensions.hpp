/// @file
/// The rubric dimensions (docs/answers.md). Ids are stable. Defined once, in the SDK, so plugins and
/// the core agree on them; the core uses them under its own namespace.
#pragma once

#include <rehearse/sdk/dimensions.hpp>

namespace rehearse {

using sdk::all_difficulties;
using sdk::all_dimensions;
using sdk::is_dimension;

}  // namespace rehearse
