#pragma once
#include "core/a.h"
#include "mechanics/c.h"
