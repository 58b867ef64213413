// The bone stack (bone_stack.geo) with a third bone: soft (z 0-4), bone_a (4-6), soft (6-10), bone_b
// (10-12), soft (12-16), bone_c (16-18), soft (18-22), 8 x 8 mm, one body with shared interfaces, linear
// tetrahedra. bone_a and bone_c touch no common soft layer. Units: mm.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 8, 8, 4};
Box(2) = {0, 0, 4, 8, 8, 2};
Box(3) = {0, 0, 6, 8, 8, 4};
Box(4) = {0, 0, 10, 8, 8, 2};
Box(5) = {0, 0, 12, 8, 8, 4};
Box(6) = {0, 0, 16, 8, 8, 2};
Box(7) = {0, 0, 18, 8, 8, 4};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2, 3, 4, 5, 6, 7}; Delete; }
Physical Volume("soft", 1) = {1, 3, 5, 7};
Physical Volume("bone_a", 2) = {2};
Physical Volume("bone_b", 3) = {4};
Physical Volume("bone_c", 4) = {6};
Physical Surface("bottom", 11) = Surface In BoundingBox{-1, -1, -1, 9, 9, 0.01};
Physical Surface("top", 12) = Surface In BoundingBox{-1, -1, 21.99, 9, 9, 23};
Mesh.MeshSizeMax = 1.6;
Mesh.Algorithm3D = 1;
