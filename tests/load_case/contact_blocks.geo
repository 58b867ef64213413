// Two 4 x 4 x 2 mm blocks, one above the other with a 0.5 mm gap, meshed with linear tetrahedra, for
// the contact tests: the facing faces are contact_test_lower / contact_test_upper. Units: mm.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 4, 4, 2};
Box(2) = {0, 0, 2.5, 4, 4, 2};
Physical Volume("lower", 1) = {1};
Physical Volume("upper", 2) = {2};
Physical Surface("bottom", 11) = Surface In BoundingBox{-1, -1, -1, 5, 5, 0.01};
Physical Surface("contact_test_lower", 12) = Surface In BoundingBox{-1, -1, 1.99, 5, 5, 2.01};
Physical Surface("contact_test_upper", 13) = Surface In BoundingBox{-1, -1, 2.49, 5, 5, 2.51};
Physical Surface("top", 14) = Surface In BoundingBox{-1, -1, 4.49, 5, 5, 5};
Mesh.MeshSizeMax = 0.5;
Mesh.Algorithm3D = 1;
