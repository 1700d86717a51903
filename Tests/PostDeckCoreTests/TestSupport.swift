import Foundation
@testable import PostDeckCore

/// Parses an ISO 8601 instant with Foundation's own parser, so expectations do not
/// depend on the code under test.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(parsing: text) else { fatalError("bad test date \(text)") }
    return date
}

func local(_ text: String) -> LocalDateTime {
    guard let value = try? LocalDateTime(parsing: text) else { fatalError("bad test local time \(text)") }
    return value
}

func zone(_ name: String) -> DisplayZone {
    guard let zone = try? DisplayZone(named: name) else { fatalError("zone \(name) unavailable") }
    return zone
}
