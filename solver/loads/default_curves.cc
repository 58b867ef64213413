// Sources:
// - all, pll, isl, lf: Yoganandan et al. 2001 (Clin Biomech 16:1-27) force-deflection curves as tabulated
//   for C3-C5 in Computational Biomechanics of the Musculoskeletal System (CRC), ch. 16, Table 16.1 [M]
//   (published-data.md 2c; column assignment reconstructed there); used at every subaxial level.
// - Upper-cervical ligaments and capsules: the curves of the VIVA+ open human-body model [M]
//   (jobindjohn/vivaplus_v0.2, model/common/vivaplus-materials.k, commit 00a4b0f: kg-mm-ms units, so GPa,
//   converted here to MPa), up to each curve's peak (the last point: the failure point). The abscissa is
//   read as engineering strain (the file does not say). 1-D ligaments carry the fabric stress times the
//   VIVA+ membrane thickness (vivaplus-20-Neck.k) times a width [A] (10 mm; 4 mm for the apical
//   ligament), as force in N; capsule fibres carry the stress times their share of the capsule's
//   cross-section (1.1 mm thick, VIVA+, times the rim length; the mesh's .capsules file).
// - alar: the VIVA+ alar curve's shape scaled to the strength of Dvorak et al. 1988 (J Orthop Res 6:452,
//   200 N, bone-ligament-bone, n = 7) [P] at its peak strain; Iwanaga et al. 2017 give 186.9 +- 69.7 N.
#include "loads/default_curves.h"

namespace cspine
{
namespace
{
const std::string no_slack = "[-] Extra length of each ligament before it carries load, as a fraction of its "
                             "in-situ length (negative: pre-tensioned). Default 0: the curve starts at the "
                             "in-situ length.";
const std::string capsule_slack =
    "[-] Extra length of each capsule fibre before it carries load, as a fraction of its in-situ length "
    "(negative: pre-tensioned). In-situ laxity is lost once a ligament is dissected and preconditioned, so it "
    "has no direct measurement (Lasswell et al. 2017 Spine J 17:1755, doi:10.1016/j.spinee.2017.06.040); "
    "the slack of dissected cervical capsules at 0 N is 0.1-0.3 mm in controls and up to 1.0 +- 1.3 mm after "
    "whiplash (Ivancic et al. 2008 Clin Biomech 23:159, C2-C3 to C7-T1).";
// The calibration (validation/calibration.md): only the slacks of the C1-C2 capsules, the C0-C1 capsules
// and the alar ligaments were free, each inside the range that Ivancic et al. 2008's slack at 0 N gives
// (up to 1.0 + 1.3 mm, whiplash C5-C6 mean + 1 SD, over the model's mean fibre length: C1-C2 capsules
// 7.6 mm -> 0.30, C0-C1 capsules 4.1 mm -> 0.56, alar 7.8 mm -> 0.29), fitted to Panjabi et al. 1988
// axial rotation alone (C0-C1 7.2 deg, C1-C2 38.9 deg, C1-C2 neutral zone 29.6 deg) and frozen.
const std::string capsule_c1_c2_calibration =
    " Default 0.1: calibrated to Panjabi et al. 1988 axial rotation (validation/calibration.md); range "
    "0-0.30 of the 7.6 mm mean fibre length.";
const std::string bound_at_zero = " Default 0: the calibration (validation/calibration.md) kept it at the lower "
                                  "end of its range (more slack moved C0-C1 further from Panjabi et al. 1988).";
const std::string yoganandan_2001 = "Yoganandan et al. 2001 Clin Biomech 16:1-27, C3-C5 force-deflection curve (as "
                                    "tabulated in Computational Biomechanics of the Musculoskeletal System, CRC, "
                                    "Table 16.1)";
const std::string viva_plus = "VIVA+ open human-body model (vivaplus_v0.2, vivaplus-materials.k)";
} // namespace

const std::vector<DefaultCurve> &default_curves()
{
  static const std::vector<DefaultCurve> curves = {
      {"all", "elongation: 0:0, 1:28, 2:52, 3:72, 4:89, 5:102, 6:115", 0, no_slack, yoganandan_2001},
      {"pll", "elongation: 0:0, 1:25, 2:44, 3:62, 4:78, 5:89", 0, no_slack, yoganandan_2001},
      {"isl", "elongation: 0:0, 1:7, 2:12.5, 3:18, 4:22.5, 5:26, 6:30, 7:32.5", 0, no_slack, yoganandan_2001},
      {"lf", "elongation: 0:0, 2:38, 4:60, 6:80, 8:108", 0, no_slack, yoganandan_2001},
      // VIVA+ 200540 (tectorial) x 2.5 mm x 10 mm.
      {"tectorial_membrane",
       "strain: 0.01176:0.464, 0.02367:4.41, 0.0357:37.93, 0.04788:151.9, 0.06019:266.8, 0.07264:379.1, "
       "0.08522:489.1, 0.09794:596.6, 0.1108:667.0, 0.1238:707.6, 0.1369:739.4, 0.1502:764.5, 0.1636:784.4, "
       "0.1771:800.3, 0.1908:812.8, 0.2046:822.7, 0.2186:824.0",
       0, no_slack, viva_plus + " curve of part 200540 x 2.5 mm x 10 mm"},
      // VIVA+ 200520 (apical) x 3.0 mm x 4 mm.
      {"apical",
       "strain: 0.03602:1.93, 0.0733:10.74, 0.1118:34.35, 0.1516:57.54, 0.1927:79.34, 0.2349:90.06, "
       "0.2785:94.30, 0.3233:96.47, 0.3693:97.38",
       0, no_slack, viva_plus + " curve of part 200520 x 3.0 mm x 4 mm"},
      // VIVA+ 200510 (anterior atlanto-occipital membrane) x 0.9 mm x 10 mm.
      {"aaom",
       "strain: 0.0563:0.611, 0.1156:1.628, 0.1779:3.348, 0.2432:6.290, 0.3115:11.35, 0.3828:20.09, "
       "0.4571:35.22, 0.5344:60.34, 0.6147:86.75, 0.6981:111.3, 0.7844:134.2, 0.8737:155.5, 0.966:173.4, "
       "1.0614:178.0, 1.1597:179.4",
       0, no_slack, viva_plus + " curve of part 200510 x 0.9 mm x 10 mm"},
      // VIVA+ 203008 (posterior atlanto-occipital membrane) x 0.9 mm x 10 mm.
      {"paom",
       "strain: 0.0348:0.0883, 0.0707:0.265, 0.1078:0.625, 0.1461:1.357, 0.1856:2.853, 0.2262:5.916, "
       "0.268:12.04, 0.3109:19.23, 0.355:26.05, 0.4003:32.53, 0.4468:37.54, 0.4944:38.97, 0.5432:39.55, "
       "0.5932:39.67",
       0, no_slack, viva_plus + " curve of material 203008 x 0.9 mm x 10 mm"},
      // VIVA+ 200721 (anterior atlanto-axial membrane) x 0.9 mm x 10 mm.
      {"aaam",
       "strain: 0.0482:0.772, 0.0985:2.071, 0.1511:4.285, 0.206:8.095, 0.263:14.68, 0.3222:26.11, "
       "0.3837:45.98, 0.4473:79.08, 0.5132:114.1, 0.5813:147.0, 0.6516:177.7, 0.7242:206.6, 0.7989:231.1, "
       "0.8758:237.8, 0.955:240.27, 1.0364:240.31",
       0, no_slack, viva_plus + " curve of part 200721 x 0.9 mm x 10 mm"},
      // VIVA+ 203017 (posterior atlanto-axial membrane) x 0.9 mm x 10 mm.
      {"paam",
       "strain: 0.0519:0.00527, 0.1064:0.0181, 0.1634:0.0498, 0.223:0.1284, 0.2852:0.3245, 0.3499:0.8144, "
       "0.4172:2.040, 0.4871:4.070, 0.5595:5.972, 0.6345:6.876, 0.7121:7.358, 0.7922:7.676, 0.8749:7.880, "
       "0.9601:8.004, 1.0479:8.067, 1.1383:8.087",
       0, no_slack, viva_plus + " curve of material 203017 x 0.9 mm x 10 mm"},
      // VIVA+ 200550 (alar), shape only: 200 N at its peak strain 0.564 (Dvorak et al. 1988).
      {"alar",
       "strain: 0.0677:7.746, 0.1397:52.65, 0.2161:116.1, 0.2967:173.0, 0.3816:192.2, 0.4708:198.8, "
       "0.5644:200.0",
       0,
       "[-] Extra length of each alar ligament before it carries load, as a fraction of its in-situ length "
       "(negative: pre-tensioned). No direct measurement exists (Lasswell et al. 2017 Spine J 17:1755); the "
       "capsules' slack at 0 N (Ivancic et al. 2008) bounds it at 0-0.29 of the 7.8 mm alar length." +
           bound_at_zero,
       viva_plus + " alar curve (part 200550) scaled to 200 N "
                   "(Dvorak et al. 1988 J Orthop Res 6:452-461)"},
      // VIVA+ 2015231 (C2-C3 capsule, low-rate curve of its strain-rate table, 1.63 /s) [MPa].
      {"capsule_subaxial",
       "stress: 0.074:0.01969, 0.1531:0.08389, 0.2372:0.1914, 0.3265:0.3389, 0.4209:0.5226, 0.5204:0.7393, "
       "0.625:0.9887, 0.7347:1.221, 0.8495:1.427, 0.9694:1.608, 1.0944:1.756, 1.2245:1.875, 1.3597:1.967, "
       "1.5:2.035, 1.6454:2.083, 1.7959:2.111, 1.9515:2.121",
       0, capsule_slack,
       viva_plus + " C2-C3 capsule, low-rate curve (1.63 /s) of "
                   "table 2015231",
       // The same table's high-rate curve (65.1 /s) peaks at 1.5 times the stress: 0.5 over log10(40) decades.
       "0.312:1.63",
       viva_plus + " C2-C3 capsule strain-rate table 2004112: peak stress 3.18 MPa at 65.1 /s against "
                   "2.12 MPa at 1.63 /s (its curves 2204112 and 2104112; ratio computed)"},
      // VIVA+ 200560 (C0-C1 capsule) [MPa].
      {"capsule_c0_c1",
       "stress: 0.0701:0.009404, 0.1448:0.05704, 0.2241:0.3018, 0.308:1.286, 0.3964:2.397, 0.4895:3.402, "
       "0.5872:4.313, 0.6895:5.145, 0.7963:5.556, 0.9078:5.702, 1.0238:5.748",
       0, capsule_slack + bound_at_zero + " Range 0-0.56 of the 4.1 mm mean fibre length.",
       viva_plus + " C0-C1 capsule, part 200560"},
      // VIVA+ 200730 (lateral C1-C2 capsule) [MPa]. Slack 0.1: calibrated to Panjabi et al. 1988 axial
      // rotation (validation/calibration.md), inside 0-0.30 (Ivancic et al. 2008, see its doc string).
      {"capsule_c1_c2",
       "stress: 0.095:1.441e-6, 0.1983:7.711e-6, 0.3099:3.558e-5, 0.4298:1.604e-4, 0.5579:7.224e-4, "
       "0.6942:3.262e-3, 0.8388:0.01478, 0.9917:0.06715, 1.1529:0.306, 1.3223:0.8823, 1.5:1.419, 1.686:1.910, "
       "1.8802:2.252, 2.0826:2.325, 2.2934:2.331",
       0.1, capsule_slack + capsule_c1_c2_calibration,
       viva_plus + " lateral C1-C2 capsule, part 200730; slack "
                   "calibrated to Panjabi et al. 1988 (validation/calibration.md)"},
  };
  return curves;
}
} // namespace cspine
