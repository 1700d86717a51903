/// How a cell looks, in theme-independent terms: a semantic role plus attributes that
/// are added on top of whatever the theme defines for that role.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(role: Role = .text, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// `Style(.error)`.
    public init(_ role: Role) {
        self.init(role: role)
    }

    /// Plain text.
    public static let plain = Style(.text)

    public func bold(_ on: Bool = true) -> Style { var s = self; s.bold = on; return s }
    public func underline(_ on: Bool = true) -> Style { var s = self; s.underline = on; return s }
    public func reverse(_ on: Bool = true) -> Style { var s = self; s.reverse = on; return s }
    public func dim(_ on: Bool = true) -> Style { var s = self; s.dim = on; return s }
    /// The same attributes with another role.
    public func role(_ role: Role) -> Style { var s = self; s.role = role; return s }

    /// One hex digit for the attribute layer of golden files: bold 1, underline 2,
    /// reverse 4, dim 8 added up; `.` when there are none.
    public var attributeCode: Character {
        let bits = (bold ? 1 : 0) | (underline ? 2 : 0) | (reverse ? 4 : 0) | (dim ? 8 : 0)
        return bits == 0 ? "." : Character(String(bits, radix: 16))
    }
}
