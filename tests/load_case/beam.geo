// A 20 x 2 x 2 mm beam of unstructured linear tetrahedra (Delaunay: the same mesh every time), x along
// its length; the element size comes from the command line (-clmax). Used by nodal_volumetric_test.cc.
SetFactory("OpenCASCADE");
Box(1) = {0, 0, 0, 20, 2, 2};
Mesh.Algorithm3D = 1;
Physical Volume("solid") = {1};
Physical Surface("clamped") = {1};
Physical Surface("tip") = {2};
