/// Numbers written for people: exact with grouping ("12,345") in detail views, abbreviated
/// to fit a table column ("12.3k"), and the few statistics the performance pane shows.
///
/// Abbreviation rounds half away from zero to at most three significant digits: one decimal
/// below 100 of a unit ("1.2k", "12.3k"), none from 100 ("123k"), and a trailing ".0" is
/// dropped ("1k", "2M"). Rounding never produces "1000k": a value that would round to 1,000
/// of a unit moves to the next unit ("999,950" is "1M"). Values below 1,000 are shown exactly.
public enum MetricFormat {
    /// "12,345", "-1,000", "999": thousands separated by commas, nothing rounded.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// "999", "1.2k", "12.3k", "123k", "1.2M", "3.4B".
    public static func abbreviated(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        if value.magnitude < 1_000 { return "\(value)" }
        return sign + scaled(Double(value.magnitude), units: ["", "k", "M", "B", "T"], separator: "")
    }

    /// File sizes in decimal units, as the networks state their limits: "512 bytes", "9.2 MB", "150 MB".
    public static func bytes(_ count: Int64) -> String {
        if count < 1_000 { return "\(count) bytes" }
        return scaled(Double(count), units: ["bytes", "KB", "MB", "GB", "TB"], separator: " ")
    }

    /// Durations as a clock: "45 s" under a minute, "12:30" for minutes, "1:02:03" with hours.
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        let hours = whole / 3_600, minutes = whole % 3_600 / 60, rest = whole % 60
        let mm = minutes < 10 && hours > 0 ? "0\(minutes)" : "\(minutes)"
        let ss = rest < 10 ? "0\(rest)" : "\(rest)"
        return hours > 0 ? "\(hours):\(mm):\(ss)" : "\(mm):\(ss)"
    }

    /// Engagement per 1,000 views; nil when there are no views to divide by.
    public static func perThousandViews(engagement: Int, views: Int) -> Double? {
        guard views > 0 else { return nil }
        return Double(engagement) * 1_000 / Double(views)
    }

    /// One decimal place ("12.5", "0.3"), rounded half away from zero; "–" stands for no value.
    public static func oneDecimal(_ value: Double?) -> String {
        guard let value else { return "–" }
        return decimalText(tenths: Int((value * 10).rounded()))
    }

    /// `value` with exactly `places` decimals, rounded half away from zero (`3.14`, `-0.50`,
    /// `42` for no places): what `String(format: "%.2f")` gives, without the full Foundation
    /// library that `String(format:)` lives in.
    public static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        let scale = (0..<max(0, places)).reduce(1.0) { product, _ in product * 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(Int(value.rounded())) }
        let units = Int(scaled)
        let whole = String(units / Int(scale))
        let sign = value < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + whole }
        return sign + whole + "." + zeroPadded(units % Int(scale), width: places)
    }

    /// `7` as `"007"` for width 3; longer numbers keep all their digits.
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// The middle value of the list (the mean of the two middle values for an even count);
    /// nil for an empty list.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public static func median(_ values: [Int]) -> Double? { median(values.map(Double.init)) }

    private static func scaled(_ magnitude: Double, units: [String], separator: String) -> String {
        var value = magnitude
        var unit = 0
        while unit < units.count - 1 {
            value /= 1_000
            unit += 1
            // Move up while the rounded figure would read 1,000 or more of this unit.
            let rounded = value < 100 ? (value * 10).rounded() / 10 : value.rounded()
            if rounded < 1_000 { break }
        }
        let text = value < 99.95 ? decimalText(tenths: Int((value * 10).rounded())) : String(Int(value.rounded()))
        return text + separator + units[unit]
    }

    /// "12.3" from 123, "2" from 20 (a trailing ".0" is dropped).
    private static func decimalText(tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
