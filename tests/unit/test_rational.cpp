// Exact rationals: parsing, comparison, integer division with rounding, and formatting.
#include "support.h"

#include <cmath>
#include <limits>

namespace qcity_test_rational {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::eq;

TEST_SUITE("rational") {

TEST_CASE("Rational::of reduces and keeps the denominator positive") {
    Rational r = Rational::of(6, -4);
    CHECK(r.num == -3);
    CHECK(r.den == 2);
    Rational z = Rational::of(0, 7);
    CHECK(z.num == 0);
    CHECK(z.den == 1);
    Rational p = Rational::of(140, 200);
    CHECK(p.num == 7);
    CHECK(p.den == 10);
}

TEST_CASE("parse_decimal: integers, decimals, signs and exponents") {
    auto check = [](const std::string& s, int64_t n, int64_t d) {
        CAPTURE(s);
        auto r = parse_decimal(s);
        REQUIRE(r.has_value());
        CHECK(r->num == n);
        CHECK(r->den == d);
    };
    check("0", 0, 1);
    check("95", 95, 1);
    check("007", 7, 1);
    check("-12", -12, 1);
    check("+12", 12, 1);
    check("0.2", 1, 5);
    check("-1.5", -3, 2);
    check("81.95", 1639, 20);
    check("0.000001", 1, 1000000);
    check("1e3", 1000, 1);
    check("1E3", 1000, 1);
    check("2.5e+2", 250, 1);
    check("1.5e-1", 3, 20);
    check("-7e-2", -7, 100);
    check("9223372036854775807", INT64_MAX, 1);
}

TEST_CASE("parse_decimal: garbage is refused") {
    for (const char* s : {"", "abc", "1a", "a1", " 1", "1 ", "1..2", "1.2.3", "0x10", "1e", "1e+", "1e-", "--1",
                          "+-1", "1,5", "95%", "NaN", "inf", "-", "+", ".", "e5", "-.", ".e1", "-e3"}) {
        std::string text = s;
        CAPTURE(text);
        CHECK_FALSE(parse_decimal(text).has_value());
    }
}

TEST_CASE("parse_decimal: overflow is refused, not wrapped") {
    CHECK_FALSE(parse_decimal("9223372036854775808").has_value());        // INT64_MAX + 1
    CHECK_FALSE(parse_decimal("99999999999999999999").has_value());       // 20 digits
    CHECK_FALSE(parse_decimal("1e19").has_value());
    CHECK_FALSE(parse_decimal("1e400").has_value());
    CHECK_FALSE(parse_decimal("12345678901234567890123456789012345").has_value());
}

TEST_CASE("rational_from_double: the shortest decimal, exactly") {
    auto r = rational_from_double(0.1);
    REQUIRE(r);
    CHECK(r->num == 1);
    CHECK(r->den == 10);
    r = rational_from_double(81.95);
    REQUIRE(r);
    CHECK(eq(*r, 8195, 100));
    r = rational_from_double(-2.5);
    REQUIRE(r);
    CHECK(eq(*r, -5, 2));
    r = rational_from_double(3.0);
    REQUIRE(r);
    CHECK(eq(*r, 3));
    r = rational_from_double(1e-7);
    REQUIRE(r);
    CHECK(eq(*r, 1, 10000000));
    // 0.1 + 0.2 is not 0.3 as a double; its shortest decimal is 0.30000000000000004.
    r = rational_from_double(0.1 + 0.2);
    REQUIRE(r);
    CHECK(eq(*r, 30000000000000004LL, 100000000000000000LL));
    CHECK_FALSE(rational_from_double(std::nan("")).has_value());
    CHECK_FALSE(rational_from_double(std::numeric_limits<double>::infinity()).has_value());
    CHECK_FALSE(rational_from_double(-std::numeric_limits<double>::infinity()).has_value());
}

TEST_CASE("compare is exact, also where doubles cannot tell") {
    CHECK(compare(Rational::of(1, 3), Rational::of(2, 6)) == 0);
    CHECK(compare(Rational::of(1, 3), Rational::of(333333333, 1000000000)) == 1);
    CHECK(compare(Rational::of(-1, 2), Rational::of(1, 3)) == -1);
    CHECK(compare(Rational::of(7, 10), Rational::of(98, 140)) == 0);
    // Products beyond 64 bits.
    Rational big{INT64_MAX, 1}, big_less{INT64_MAX - 1, 1};
    CHECK(compare(big, big_less) == 1);
    CHECK(compare(big_less, big) == -1);
    Rational a{INT64_MAX - 1, INT64_MAX}, b{INT64_MAX - 2, INT64_MAX - 1};
    // (m-1)/m vs (m-2)/(m-1): (m-1)^2 = m^2-2m+1 > m(m-2) = m^2-2m.
    CHECK(compare(a, b) == 1);
    // Adjacent doubles would call these equal.
    CHECK(Rational::of(9007199254740993, 1).to_double() == Rational::of(9007199254740992, 1).to_double());
    CHECK(compare(Rational::of(9007199254740993, 1), Rational::of(9007199254740992, 1)) == 1);
}

TEST_CASE("ceil_div and floor_div with every sign") {
    CHECK(ceil_div(7, 2) == 4);
    CHECK(floor_div(7, 2) == 3);
    CHECK(ceil_div(-7, 2) == -3);
    CHECK(floor_div(-7, 2) == -4);
    CHECK(ceil_div(7, -2) == -3);
    CHECK(floor_div(7, -2) == -4);
    CHECK(ceil_div(-7, -2) == 4);
    CHECK(floor_div(-7, -2) == 3);
    CHECK(ceil_div(6, 3) == 2);
    CHECK(floor_div(6, 3) == 2);
    CHECK(ceil_div(-6, 3) == -2);
    CHECK(floor_div(-6, 3) == -2);
    CHECK(ceil_div(0, 5) == 0);
    CHECK(floor_div(0, -5) == 0);
    CHECK(ceil_div(1, 1000000) == 1);
    CHECK(floor_div(-1, 1000000) == -1);
    // 7 % of 100 in exact arithmetic is 7; the double product 0.07 * 100 is 7.000000000000001.
    CHECK(std::ceil(0.07 * 100) == 8);
    CHECK(ceil_div(7 * 100, 100) == 7);
    CHECK(ceil_div(70 * 140, 100) == 98);
    // 128-bit inputs.
    __int128 n = (__int128)(INT64_MAX - 1) * 3 + 1;  // 3·(m−1) + 1
    CHECK(ceil_div(n, 3) == INT64_MAX);
    CHECK(floor_div(n, 3) == INT64_MAX - 1);
    CHECK(floor_div(-n, 3) == -INT64_MAX);
}

TEST_CASE("format_rational: nearest (half up), down and up") {
    // 94.96 with one decimal.
    Rational v = Rational::of(9496, 100);
    CHECK(format_rational(v, 1) == "95.0");
    CHECK(format_rational(v, 1, Round::nearest) == "95.0");
    CHECK(format_rational(v, 1, Round::down) == "94.9");
    CHECK(format_rational(v, 1, Round::up) == "95.0");
    CHECK(format_rational(v, 2) == "94.96");
    CHECK(format_rational(v, 3) == "94.960");
    // Half up.
    CHECK(format_rational(Rational::of(5, 2), 0) == "3");
    CHECK(format_rational(Rational::of(1, 8), 2) == "0.13");
    CHECK(format_rational(Rational::of(1, 3), 2) == "0.33");
    CHECK(format_rational(Rational::of(2, 3), 2) == "0.67");
    CHECK(format_rational(Rational::of(2, 3), 2, Round::down) == "0.66");
    CHECK(format_rational(Rational::of(1, 3), 2, Round::up) == "0.34");
    // Zero decimals: no point.
    CHECK(format_rational(Rational::of(1999, 10), 0) == "200");
    CHECK(format_rational(Rational::of(1999, 10), 0, Round::down) == "199");
    CHECK(format_rational(Rational::of(1991, 10), 0, Round::up) == "200");
    CHECK(format_rational(Rational::of(42), 0) == "42");
    CHECK(format_rational(Rational::of(0), 2) == "0.00");
    // Small values get a leading zero.
    CHECK(format_rational(Rational::of(1, 20), 2) == "0.05");
    CHECK(format_rational(Rational::of(7, 1000), 3) == "0.007");
}

TEST_CASE("format_rational: negatives round toward the right infinity") {
    Rational v = Rational::of(-9496, 100);  // -94.96
    CHECK(format_rational(v, 1, Round::down) == "-95.0");  // toward minus infinity
    CHECK(format_rational(v, 1, Round::up) == "-94.9");    // toward plus infinity
    CHECK(format_rational(v, 1, Round::nearest) == "-95.0");
    CHECK(format_rational(Rational::of(-1, 20), 2) == "-0.05");
    CHECK(format_rational(Rational::of(-1, 20), 1, Round::down) == "-0.1");
    CHECK(format_rational(Rational::of(-1, 20), 1, Round::up) == "0.0");
    CHECK(format_rational(Rational::of(-3, 2), 0, Round::down) == "-2");
    CHECK(format_rational(Rational::of(-3, 2), 0, Round::up) == "-1");
    CHECK(format_rational(Rational::of(-7, 4), 0) == "-2");    // -1.75 → -2
    CHECK(format_rational(Rational::of(-5, 4), 0) == "-1");    // -1.25 → -1
    CHECK(format_rational(Rational::of(-12), 1) == "-12.0");
}

}  // TEST_SUITE

}  // namespace qcity_test_rational
