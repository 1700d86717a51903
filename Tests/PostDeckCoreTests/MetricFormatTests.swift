import Testing
@testable import PostDeckCore

@Suite struct MetricFormatTests {
    @Test(arguments: [
        (0, "0"), (999, "999"), (-999, "-999"), (1_000, "1k"), (1_049, "1k"), (1_050, "1.1k"), (1_234, "1.2k"),
        (12_345, "12.3k"), (99_949, "99.9k"), (99_950, "100k"), (123_456, "123k"), (999_499, "999k"),
        (999_500, "1M"), (1_234_567, "1.2M"), (12_345_678, "12.3M"), (999_950_000, "1B"), (-1_234, "-1.2k"),
        (2_000_000, "2M"),
    ])
    func abbreviatesWithoutEverShowingAThousandOfAUnit(value: Int, expected: String) {
        #expect(MetricFormat.abbreviated(value) == expected)
    }

    @Test func extremeValuesDoNotCrash() {
        #expect(MetricFormat.abbreviated(Int.max) == "9223372T")
        #expect(MetricFormat.abbreviated(Int.min) == "-9223372T")
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (1_234_567, "1,234,567"),
                      (-1_000, "-1,000"), (Int.min, "-9,223,372,036,854,775,808")])
    func groupsThousandsExactly(value: Int, expected: String) {
        #expect(MetricFormat.grouped(value) == expected)
    }

    @Test func bytesInDecimalUnits() {
        #expect(MetricFormat.bytes(999) == "999 bytes")
        #expect(MetricFormat.bytes(1_000) == "1 KB")
        #expect(MetricFormat.bytes(9_200_000) == "9.2 MB")
        #expect(MetricFormat.bytes(150_000_000) == "150 MB")
        #expect(MetricFormat.bytes(999_999_999) == "1 GB")
    }

    @Test func durationsReadLikeAClock() {
        #expect(MetricFormat.duration(2.4) == "2 s")
        #expect(MetricFormat.duration(59.4) == "59 s")
        #expect(MetricFormat.duration(60) == "1:00")
        #expect(MetricFormat.duration(750) == "12:30")
        #expect(MetricFormat.duration(3_723) == "1:02:03")
    }

    @Test func engagementPerThousandViews() {
        #expect(MetricFormat.perThousandViews(engagement: 37, views: 12_000) == 37_000.0 / 12_000)
        #expect(MetricFormat.perThousandViews(engagement: 5, views: 0) == nil)
        #expect(MetricFormat.oneDecimal(37_000.0 / 12_000) == "3.1")
        #expect(MetricFormat.oneDecimal(2.25) == "2.3")
        #expect(MetricFormat.oneDecimal(4.0) == "4")
        #expect(MetricFormat.oneDecimal(nil) == "–")
    }

    @Test func medianOfOddEvenAndEmptyLists() {
        #expect(MetricFormat.median([Double]()) == nil)
        #expect(MetricFormat.median([5]) == 5)
        #expect(MetricFormat.median([1, 3, 2]) == 2)
        #expect(MetricFormat.median([4, 1, 3, 2]) == 2.5)
        #expect(MetricFormat.median([10, 10, 1_000]) == 10)
    }
}

@Suite struct CSVWriterTests {
    @Test func plainFieldsAreNotQuoted() {
        #expect(CSVWriter.record(["post_id", "likes", "Hello world"]) == "post_id,likes,Hello world")
    }

    @Test func commasQuotesAndLineBreaksAreQuoted() {
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("line1\nline2") == "\"line1\nline2\"")
        #expect(CSVWriter.field("line1\r\nline2") == "\"line1\r\nline2\"")
        #expect(CSVWriter.field("") == "")
    }

    @Test func emojiAndCJKPassThroughUnchanged() {
        #expect(CSVWriter.field("Launch 🚀 👨‍👩‍👧‍👦 日本語") == "Launch 🚀 👨‍👩‍👧‍👦 日本語")
        #expect(CSVWriter.field("🚀,日本") == "\"🚀,日本\"")
    }

    @Test func documentUsesCRLFAndCountsRows() {
        var csv = CSVWriter(header: ["id", "content"])
        csv.append(["1", "Hi, there"])
        csv.append(["2", "two\nlines"])
        #expect(csv.text == "id,content\r\n1,\"Hi, there\"\r\n2,\"two\nlines\"\r\n")
        #expect(csv.rowCount == 2)
        #expect(CSVWriter(byteOrderMark: true).text == "\u{FEFF}")
    }
}
