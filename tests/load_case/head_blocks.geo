// A 10 x 10 x 10 mm soft "neck" block under a 10 x 10 x 5 mm "head" block (one body, shared
// interface), linear tetrahedra, for the head-coupling tests. Units: mm.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 10, 10, 10};
Box(2) = {0, 0, 10, 10, 10, 5};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2}; Delete; }
Physical Volume("neck", 1) = {1};
Physical Volume("head", 2) = {2};
Physical Surface("bottom", 11) = Surface In BoundingBox{-1, -1, -1, 11, 11, 0.01};
Mesh.MeshSizeMax = 2;
Mesh.Algorithm3D = 1;
