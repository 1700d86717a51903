import Foundation

/// Publishes to nothing, the way a real network behaves: it takes a moment, now and then
/// throttles (429 with `Retry-After`) or fails for a while (503), and sometimes refuses a
/// post for good with a network's real message. Everything is decided by the seed, the
/// post_platform and the attempt, so the same seed gives the same story every time.
/// `postdeck demo` runs it; `SandboxAnalytics` then makes the posts gather views and likes.
public final class SandboxPublisher: Publisher {
    public let name = "sandbox"
    public let seed: Int
    /// Seconds a call takes, spread uniformly over this range.
    private let latency: ClosedRange<Double>

    public init(seed: Int, latency: ClosedRange<Double> = 0.3...2.5) {
        self.seed = seed
        self.latency = latency
    }

    public func publish(_ document: PublishDocument) async -> PublishResponse {
        let decision = decide(document)
        if decision.latency > 0 { try? await Task.sleep(for: .milliseconds(Int(decision.latency * 1000))) }
        return decision.response
    }

    /// What the sandbox answers to a document and after how long, without waiting.
    public func decide(_ document: PublishDocument) -> (response: PublishResponse, latency: Double) {
        var random = SplitMix64(seed: UInt64(bitPattern: Int64(seed)) ^ Self.hash(document.postPlatformID) ^ UInt64(document.attempt) &* 0x9E37_79B9)
        let wait = latency.lowerBound + (latency.upperBound - latency.lowerBound) * random.unit()
        let roll = random.unit()
        let response: PublishResponse
        if roll < 0.06 {
            response = .retry(error: "HTTP 429: \(Self.throttleMessage(document.platform))",
                              retryAfter: Double(2 + Int(random.unit() * 7)), code: 429)
        } else if roll < 0.09 {
            response = .retry(error: "HTTP 503: the network is temporarily unavailable", retryAfter: nil, code: 503)
        } else if roll < 0.105 {
            response = .refused(error: "HTTP 400: \(Self.refusal(document.platform))", code: 400)
        } else {
            let (id, permalink) = Self.platformPost(document.platform, number: random.next() >> 1)
            response = .published(platformPostID: id, permalink: permalink, code: 200)
        }
        return (response, wait)
    }

    private static func throttleMessage(_ platform: String) -> String {
        switch platform {
        case "linkedin": "LinkedIn API: throttled, too many requests for this member"
        case "instagram": "Instagram Graph API: application request limit reached"
        case "tiktok": "TikTok: rate limit exceeded for this creator"
        default: "Facebook Graph API: user request limit reached"
        }
    }

    private static func refusal(_ platform: String) -> String {
        switch platform {
        case "linkedin": "LinkedIn API: the text contains a link the member may not share"
        case "instagram": "Instagram: aspect ratio 2.5:1 is not supported"
        case "tiktok": "TikTok: video duration exceeds 60s for this account"
        default: "Facebook: the post was flagged as spam and not published"
        }
    }

    /// An id and permalink in the network's own style (as the demo data has them).
    private static func platformPost(_ platform: String, number: UInt64) -> (String, String) {
        let snowflake = String(number % 9_000_000_000_000_000_000 + 1_000_000_000_000_000_000)
        switch platform {
        case "linkedin": return ("urn:li:share:\(snowflake)", "https://www.linkedin.com/feed/update/urn:li:share:\(snowflake)/")
        case "instagram": return (snowflake, "https://www.instagram.com/p/\(String(number, radix: 36).prefix(11))/")
        case "tiktok": return (snowflake, "https://www.tiktok.com/video/\(snowflake)")
        default:
            let id = "pfbid0" + String(number, radix: 16)
            return (id, "https://www.facebook.com/permalink/\(id)")
        }
    }

    private static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return value
    }
}

/// A small, fast, well-known pseudo-random generator (Steele, Lea and Flood's SplitMix64):
/// the same seed gives the same sequence on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
