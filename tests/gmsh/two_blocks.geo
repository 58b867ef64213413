// Two stacked 10 x 10 x 5 mm blocks with named regions and boundary surfaces, meshed with linear
// tetrahedra (gmsh 4.8, OpenCASCADE, Delaunay: deterministic), for the gmsh reading test.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 10, 10, 5};
Box(2) = {0, 0, 5, 10, 10, 5};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2}; Delete; }
Physical Volume("soft", 1) = {1};
Physical Volume("stiff", 2) = {2};
Physical Surface("bottom", 11) = Surface In BoundingBox{-1, -1, -1, 11, 11, 0.1};
Physical Surface("top", 12) = Surface In BoundingBox{-1, -1, 9.9, 11, 11, 11};
Mesh.MeshSizeMax = 2.5;
Mesh.Algorithm3D = 1;
