#pragma once

#include <string>
#include <string_view>

#include "perfgate/io.h"

