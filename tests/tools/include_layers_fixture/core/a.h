#pragma once
#include "mechanics/b.h"
