// Five 8 x 8 mm layers for the rigid-bone tests: soft (z 0-4), bone_a (4-6), soft (6-10), bone_b
// (10-12), soft (12-16), one body with shared interfaces, linear tetrahedra. The two bones touch only
// the soft layers. Units: mm.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 8, 8, 4};
Box(2) = {0, 0, 4, 8, 8, 2};
Box(3) = {0, 0, 6, 8, 8, 4};
Box(4) = {0, 0, 10, 8, 8, 2};
Box(5) = {0, 0, 12, 8, 8, 4};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2, 3, 4, 5}; Delete; }
Physical Volume("soft", 1) = {1, 3, 5};
Physical Volume("bone_a", 2) = {2};
Physical Volume("bone_b", 3) = {4};
Physical Surface("bottom", 11) = Surface In BoundingBox{-1, -1, -1, 9, 9, 0.01};
Physical Surface("top", 12) = Surface In BoundingBox{-1, -1, 15.99, 9, 9, 17};
Mesh.MeshSizeMax = 1.6;
Mesh.Algorithm3D = 1;
