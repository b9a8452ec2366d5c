"""The `__init__` of each shape of alkannot's record classes, compiled with the package (records._init_code;
issue 13). Written by tools/record_inits.py: do not edit; tests/test_records.py checks it is current.

Each function is the code `records` renames for a class (its fields for f0, f1...) and runs with the class's
own globals: `_MISSING` and `_factory_f<i>`, the default factory of field i."""

# mypy: ignore-errors
# ruff: noqa: F821


def _init_1(self, f0):
    _d = self.__dict__
    _d["f0"] = f0


def _init_2(self, f0, f1):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1


def _init_2_f0_f1(self, f0, f1):
    _d = self.__dict__
    _d["f0"] = _factory_f0() if f0 is _MISSING else f0
    _d["f1"] = _factory_f1() if f1 is _MISSING else f1


def _init_2_f1(self, f0, f1):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = _factory_f1() if f1 is _MISSING else f1


def _init_3(self, f0, f1, f2):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2


def _init_3_f0(self, f0, f1, f2):
    _d = self.__dict__
    _d["f0"] = _factory_f0() if f0 is _MISSING else f0
    _d["f1"] = f1
    _d["f2"] = f2


def _init_4(self, f0, f1, f2, f3):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3


def _init_4_f3(self, f0, f1, f2, f3):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = _factory_f3() if f3 is _MISSING else f3


def _init_5(self, f0, f1, f2, f3, f4):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4


def _init_5_f1_f2_f4(self, f0, f1, f2, f3, f4):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = _factory_f1() if f1 is _MISSING else f1
    _d["f2"] = _factory_f2() if f2 is _MISSING else f2
    _d["f3"] = f3
    _d["f4"] = _factory_f4() if f4 is _MISSING else f4


def _init_5_f4(self, f0, f1, f2, f3, f4):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = _factory_f4() if f4 is _MISSING else f4


def _init_6(self, f0, f1, f2, f3, f4, f5):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5


def _init_6_f5(self, f0, f1, f2, f3, f4, f5):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = _factory_f5() if f5 is _MISSING else f5


def _init_7(self, f0, f1, f2, f3, f4, f5, f6):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6


def _init_7_f0_f1_f2(self, f0, f1, f2, f3, f4, f5, f6):
    _d = self.__dict__
    _d["f0"] = _factory_f0() if f0 is _MISSING else f0
    _d["f1"] = _factory_f1() if f1 is _MISSING else f1
    _d["f2"] = _factory_f2() if f2 is _MISSING else f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6


def _init_7_f5_f6(self, f0, f1, f2, f3, f4, f5, f6):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = _factory_f5() if f5 is _MISSING else f5
    _d["f6"] = _factory_f6() if f6 is _MISSING else f6


def _init_8(self, f0, f1, f2, f3, f4, f5, f6, f7):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7


def _init_8_f7(self, f0, f1, f2, f3, f4, f5, f6, f7):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = _factory_f7() if f7 is _MISSING else f7


def _init_9(self, f0, f1, f2, f3, f4, f5, f6, f7, f8):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8


def _init_9_f1_f2(self, f0, f1, f2, f3, f4, f5, f6, f7, f8):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = _factory_f1() if f1 is _MISSING else f1
    _d["f2"] = _factory_f2() if f2 is _MISSING else f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8


def _init_9_f6_f7(self, f0, f1, f2, f3, f4, f5, f6, f7, f8):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = _factory_f6() if f6 is _MISSING else f6
    _d["f7"] = _factory_f7() if f7 is _MISSING else f7
    _d["f8"] = f8


def _init_10(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9


def _init_10_f7_f9(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = _factory_f7() if f7 is _MISSING else f7
    _d["f8"] = f8
    _d["f9"] = _factory_f9() if f9 is _MISSING else f9


def _init_10_f8(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = _factory_f8() if f8 is _MISSING else f8
    _d["f9"] = f9


def _init_11(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10


def _init_12_f9(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = _factory_f9() if f9 is _MISSING else f9
    _d["f10"] = f10
    _d["f11"] = f11


def _init_13(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12


def _init_14(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13


def _init_14_f8_f9(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = _factory_f8() if f8 is _MISSING else f8
    _d["f9"] = _factory_f9() if f9 is _MISSING else f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13


def _init_16(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15


def _init_16_f5_f6_f7_f8_f9_f15(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = _factory_f5() if f5 is _MISSING else f5
    _d["f6"] = _factory_f6() if f6 is _MISSING else f6
    _d["f7"] = _factory_f7() if f7 is _MISSING else f7
    _d["f8"] = _factory_f8() if f8 is _MISSING else f8
    _d["f9"] = _factory_f9() if f9 is _MISSING else f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = _factory_f15() if f15 is _MISSING else f15


def _init_19(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18


def _init_19_f17_f18(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = _factory_f17() if f17 is _MISSING else f17
    _d["f18"] = _factory_f18() if f18 is _MISSING else f18


def _init_20_f10_f15_f16_f17_f18_f19_post(
    self,
    f0,
    f1,
    f2,
    f3,
    f4,
    f5,
    f6,
    f7,
    f8,
    f9,
    f10,
    f11,
    f12,
    f13,
    f14,
    f15,
    f16,
    f17,
    f18,
    f19,
):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = _factory_f10() if f10 is _MISSING else f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = _factory_f15() if f15 is _MISSING else f15
    _d["f16"] = _factory_f16() if f16 is _MISSING else f16
    _d["f17"] = _factory_f17() if f17 is _MISSING else f17
    _d["f18"] = _factory_f18() if f18 is _MISSING else f18
    _d["f19"] = _factory_f19() if f19 is _MISSING else f19
    self.__post_init__()


def _init_22(self, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18
    _d["f19"] = f19
    _d["f20"] = f20
    _d["f21"] = f21


def _init_23(
    self,
    f0,
    f1,
    f2,
    f3,
    f4,
    f5,
    f6,
    f7,
    f8,
    f9,
    f10,
    f11,
    f12,
    f13,
    f14,
    f15,
    f16,
    f17,
    f18,
    f19,
    f20,
    f21,
    f22,
):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18
    _d["f19"] = f19
    _d["f20"] = f20
    _d["f21"] = f21
    _d["f22"] = f22


def _init_23_f20_post(
    self,
    f0,
    f1,
    f2,
    f3,
    f4,
    f5,
    f6,
    f7,
    f8,
    f9,
    f10,
    f11,
    f12,
    f13,
    f14,
    f15,
    f16,
    f17,
    f18,
    f19,
    f20,
    f21,
    f22,
):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18
    _d["f19"] = f19
    _d["f20"] = _factory_f20() if f20 is _MISSING else f20
    _d["f21"] = f21
    _d["f22"] = f22
    self.__post_init__()


def _init_26(
    self,
    f0,
    f1,
    f2,
    f3,
    f4,
    f5,
    f6,
    f7,
    f8,
    f9,
    f10,
    f11,
    f12,
    f13,
    f14,
    f15,
    f16,
    f17,
    f18,
    f19,
    f20,
    f21,
    f22,
    f23,
    f24,
    f25,
):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18
    _d["f19"] = f19
    _d["f20"] = f20
    _d["f21"] = f21
    _d["f22"] = f22
    _d["f23"] = f23
    _d["f24"] = f24
    _d["f25"] = f25


def _init_29(
    self,
    f0,
    f1,
    f2,
    f3,
    f4,
    f5,
    f6,
    f7,
    f8,
    f9,
    f10,
    f11,
    f12,
    f13,
    f14,
    f15,
    f16,
    f17,
    f18,
    f19,
    f20,
    f21,
    f22,
    f23,
    f24,
    f25,
    f26,
    f27,
    f28,
):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = f5
    _d["f6"] = f6
    _d["f7"] = f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18
    _d["f19"] = f19
    _d["f20"] = f20
    _d["f21"] = f21
    _d["f22"] = f22
    _d["f23"] = f23
    _d["f24"] = f24
    _d["f25"] = f25
    _d["f26"] = f26
    _d["f27"] = f27
    _d["f28"] = f28


def _init_33_f5_f7_f12_f30(
    self,
    f0,
    f1,
    f2,
    f3,
    f4,
    f5,
    f6,
    f7,
    f8,
    f9,
    f10,
    f11,
    f12,
    f13,
    f14,
    f15,
    f16,
    f17,
    f18,
    f19,
    f20,
    f21,
    f22,
    f23,
    f24,
    f25,
    f26,
    f27,
    f28,
    f29,
    f30,
    f31,
    f32,
):
    _d = self.__dict__
    _d["f0"] = f0
    _d["f1"] = f1
    _d["f2"] = f2
    _d["f3"] = f3
    _d["f4"] = f4
    _d["f5"] = _factory_f5() if f5 is _MISSING else f5
    _d["f6"] = f6
    _d["f7"] = _factory_f7() if f7 is _MISSING else f7
    _d["f8"] = f8
    _d["f9"] = f9
    _d["f10"] = f10
    _d["f11"] = f11
    _d["f12"] = _factory_f12() if f12 is _MISSING else f12
    _d["f13"] = f13
    _d["f14"] = f14
    _d["f15"] = f15
    _d["f16"] = f16
    _d["f17"] = f17
    _d["f18"] = f18
    _d["f19"] = f19
    _d["f20"] = f20
    _d["f21"] = f21
    _d["f22"] = f22
    _d["f23"] = f23
    _d["f24"] = f24
    _d["f25"] = f25
    _d["f26"] = f26
    _d["f27"] = f27
    _d["f28"] = f28
    _d["f29"] = f29
    _d["f30"] = _factory_f30() if f30 is _MISSING else f30
    _d["f31"] = f31
    _d["f32"] = f32


INITS = {
    (1, (), False): _init_1,
    (2, (), False): _init_2,
    (2, (0, 1), False): _init_2_f0_f1,
    (2, (1,), False): _init_2_f1,
    (3, (), False): _init_3,
    (3, (0,), False): _init_3_f0,
    (4, (), False): _init_4,
    (4, (3,), False): _init_4_f3,
    (5, (), False): _init_5,
    (5, (1, 2, 4), False): _init_5_f1_f2_f4,
    (5, (4,), False): _init_5_f4,
    (6, (), False): _init_6,
    (6, (5,), False): _init_6_f5,
    (7, (), False): _init_7,
    (7, (0, 1, 2), False): _init_7_f0_f1_f2,
    (7, (5, 6), False): _init_7_f5_f6,
    (8, (), False): _init_8,
    (8, (7,), False): _init_8_f7,
    (9, (), False): _init_9,
    (9, (1, 2), False): _init_9_f1_f2,
    (9, (6, 7), False): _init_9_f6_f7,
    (10, (), False): _init_10,
    (10, (7, 9), False): _init_10_f7_f9,
    (10, (8,), False): _init_10_f8,
    (11, (), False): _init_11,
    (12, (9,), False): _init_12_f9,
    (13, (), False): _init_13,
    (14, (), False): _init_14,
    (14, (8, 9), False): _init_14_f8_f9,
    (16, (), False): _init_16,
    (16, (5, 6, 7, 8, 9, 15), False): _init_16_f5_f6_f7_f8_f9_f15,
    (19, (), False): _init_19,
    (19, (17, 18), False): _init_19_f17_f18,
    (20, (10, 15, 16, 17, 18, 19), True): _init_20_f10_f15_f16_f17_f18_f19_post,
    (22, (), False): _init_22,
    (23, (), False): _init_23,
    (23, (20,), True): _init_23_f20_post,
    (26, (), False): _init_26,
    (29, (), False): _init_29,
    (33, (5, 7, 12, 30), False): _init_33_f5_f7_f12_f30,
}
