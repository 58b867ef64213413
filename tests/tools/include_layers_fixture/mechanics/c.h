#pragma once
#include "mechanics/d.h"
