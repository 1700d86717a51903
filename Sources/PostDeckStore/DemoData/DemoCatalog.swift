import PostDeckCore

/// The hand-written part of the demo: agencies, clients and the small pools the generator
/// draws from. Captions live in `DemoCaptions`.
enum DemoCatalog {
    static let agencies: [DemoContent.Agency] = [
        .init(k: 0, name: "Brightline Social", email: "hello@brightline.social", plan: "professional", timezone: "America/New_York"),
        .init(k: 1, name: "Tidewater & Pine Digital", email: "studio@tidewaterpine.co.uk", plan: "enterprise", timezone: "Europe/London"),
        .init(k: 2, name: "Kumo Creative 雲", email: "team@kumocreative.jp", plan: "professional", timezone: "Asia/Tokyo"),
        .init(k: 3, name: "Southern Cross Media", email: "hi@southerncross.media", plan: "starter", timezone: "Australia/Sydney"),
        .init(k: 4, name: "Ipanema Growth Lab", email: "contato@ipanemagrowth.com.br", plan: "professional", timezone: "America/Sao_Paulo"),
        .init(k: 5, name: "Nordlicht Agentur", email: "kontakt@nordlicht-agentur.de", plan: "enterprise", timezone: "Europe/Berlin"),
    ]

    /// A hostile account name: an OSC 52 clipboard write and a right-to-left override, the
    /// kind of text a compromised integration can leave in a profile. The UI must show it
    /// harmlessly.
    static let hostileUsername = "verde.fit\u{1b}]52;c;aGk=\u{7}\u{202E}tnuocca"

    static let clients: [DemoContent.Client] = [
        .init(k: 0, name: "Northwind Coffee Roasters", industry: "Food & Beverage", timezone: "America/New_York",
              agency: 0, handle: "northwindcoffee", platforms: [.instagram, .tiktok, .facebook, .linkedin]),
        .init(k: 1, name: "Lumen Dental Studio", industry: "Healthcare", timezone: "America/Los_Angeles",
              agency: 0, handle: "lumendental", platforms: [.instagram, .facebook, .linkedin],
              overrides: ["facebook": .init(active: false)]),
        .init(k: 2, name: "Verde Fitness", industry: "Fitness", timezone: "America/Sao_Paulo",
              agency: 0, handle: "verdefitness", platforms: [.instagram, .tiktok, .facebook],
              overrides: ["tiktok": .init(username: hostileUsername, displayName: "Verde Fitness \u{202E}BR\u{202C} 🇧🇷")]),
        .init(k: 3, name: "Atlas Freight Co.", industry: "Logistics", timezone: "Australia/Sydney",
              agency: 0, handle: "atlasfreight", platforms: [.linkedin, .facebook]),
        .init(k: 4, name: "Kessler Maschinenbau GmbH", industry: "Manufacturing", timezone: "Europe/Berlin",
              agency: 1, handle: "kesslermaschinenbau", platforms: [.linkedin, .instagram, .facebook],
              overrides: ["linkedin": .init(displayName: "Kessler Maschinenbau GmbH · Präzision seit 1952")]),
        .init(k: 5, name: "Harbour & Vine", industry: "Hospitality", timezone: "Europe/London",
              agency: 1, handle: "harbourandvine", platforms: [.instagram, .tiktok, .facebook]),
        .init(k: 6, name: "Sakura Botanics", industry: "Beauty", timezone: "Asia/Tokyo",
              agency: 1, handle: "sakurabotanics", platforms: [.instagram, .tiktok, .facebook, .linkedin],
              overrides: ["instagram": .init(displayName: "さくらボタニクス Sakura Botanics 🌸")]),
        .init(k: 7, name: "Lion City Pay", industry: "Financial Services", timezone: "Asia/Singapore",
              agency: 1, handle: "lioncitypay", platforms: [.linkedin, .instagram, .facebook, .tiktok]),
        .init(k: 8, name: "Chai Street Collective", industry: "Retail", timezone: "Asia/Kolkata",
              agency: 0, handle: "chaistreet", platforms: [.instagram, .facebook, .tiktok]),
        // Same name as client 0, another agency: names are not unique, ids are.
        .init(k: 9, name: "Northwind Coffee Roasters", industry: "Food & Beverage", timezone: "Europe/London",
              agency: 1, handle: "northwindcoffee.uk", platforms: [.instagram, .facebook, .tiktok]),
    ]

    /// First words of generated client names; the industry supplies the second.
    static let namePrefixes = [
        "Bluebird", "Copper Kettle", "Summit", "Harbor Light", "Golden Hour", "Maple & Main", "Ironwood",
        "Little Fern", "Northstar", "Oakridge", "Pacific Rim", "Red Fox", "Silver Birch", "Tandem", "Urban Grove",
        "Velvet", "Wildflower", "Yellow Door", "Zephyr", "Alpenglow", "Bramble", "Cedar & Stone", "Driftwood",
        "Emberly", "Fjord", "Granite Peak", "Hollow Oak", "Juniper", "Kinfolk", "Lantern", "Meridian", "Nimbus",
        "Orchard Lane", "Pebble", "Quill", "Riverbend", "Saffron", "Thistle", "Umber", "Vantage", "Willow",
        "Café Olé", "São Bento", "Müller & Söhne", "Kōyō", "Lotus Bay", "Marigold", "Kiwi Coast", "Baobab",
    ]

    static let timezones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
        "America/Mexico_City", "America/Sao_Paulo", "America/Bogota", "Europe/London", "Europe/Dublin",
        "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Amsterdam", "Europe/Stockholm",
        "Africa/Johannesburg", "Africa/Lagos", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo",
        "Asia/Seoul", "Asia/Shanghai", "Australia/Sydney", "Pacific/Auckland",
    ]

    static let templates: [DemoContent.Template] = [
        .init(name: "Product spotlight",
              content: "Meet {{product}} ✨\n\nNew at {{client_name}} from {{date}}. Tap the link in bio to see it up close.",
              linkedin: "We're proud to introduce {{product}}, available from {{date}}. Here's what the {{client_name}} team learned building it 👇",
              tiktok: "POV: you just found {{product}} 👀 #fyp",
              hashtags: ["#newin", "#launchday", "#smallbusiness"]),
        .init(name: "Weekly tip",
              content: "💡 Tip of the week from the {{client_name}} team:\n\nGet more out of {{product}} by starting small and staying consistent. Save this for later!",
              linkedin: "A practical tip from {{client_name}} this week, on {{product}} and what actually moves the needle.",
              tiktok: "60-second tip: {{product}} 💡",
              hashtags: ["#tipoftheweek", "#protip"]),
        .init(name: "Event invite",
              content: "📅 {{date}}: join {{client_name}} for the {{product}} launch. Free entry, limited spots.\nRSVP → https://events.example.com/rsvp",
              linkedin: "Join us on {{date}} for the launch of {{product}}. Seats are limited; register via the link below.",
              tiktok: "See you {{date}}? 🎉 {{product}} launch",
              hashtags: ["#event", "#savethedate"]),
        .init(name: "Behind the scenes",
              content: "Behind the scenes at {{client_name}} 🎬\n\nThis is how {{product}} comes together, one careful step at a time.",
              linkedin: "A look behind the scenes at {{client_name}}: the people and process behind {{product}}.",
              tiktok: "How it's made: {{product}} 🔧 #bts",
              hashtags: ["#behindthescenes", "#bts", "#madewithcare"]),
        .init(name: "Customer story",
              content: "“{{product}} changed my mornings.” 💬\n\nThank you for sharing your story with {{client_name}}! Tag us to be featured.",
              linkedin: "Customer story: how one of our clients uses {{product}} every day, in their own words.",
              tiktok: "Real reviews only ⭐⭐⭐⭐⭐ {{product}}",
              hashtags: ["#customerlove", "#reviews"]),
    ]

    static let campaignNames = [
        "Spring Launch", "Summer Sale", "Back to School", "Black Friday", "Holiday Gifting", "New Year Reset",
        "Brand Awareness", "Customer Stories", "Hiring Push", "Anniversary", "Trade Show", "Loyalty Relaunch",
        "Sustainability Week", "Founder Series", "Community Month", "Product Education",
    ]

    /// Messages the networks really send back, per platform.
    static let errors: [String: [String]] = [
        Platform.facebook.rawValue: [
            "OAuthException: Error validating access token: Session has expired",
            "(#200) Requires pages_manage_posts permission to manage the object",
            "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
            "Facebook API 500: An unexpected error has occurred. Please retry your request later.",
        ],
        Platform.instagram.rawValue: [
            "Instagram: aspect ratio 2.5:1 is not supported",
            "OAuthException: Error validating access token: Session has expired",
            "Instagram: media upload failed, video processing timed out (code 2207026)",
            "Instagram: the caption is longer than 2,200 characters",
        ],
        Platform.linkedin.rawValue: [
            "LinkedIn API 429: throttled",
            "LinkedIn API 401: EXPIRED_ACCESS_TOKEN: the token used in the request has expired",
            "LinkedIn API 422: content is a duplicate of an existing share",
        ],
        Platform.tiktok.rawValue: [
            "TikTok: video duration exceeds 60s for this account",
            "TikTok spam_risk_too_many_posts: the user has posted too many times today",
            "TikTok access_token_invalid: the access token is invalid or not found",
        ],
    ]

    static let mentions = [
        "@localmarket", "@cityguide", "@sustainablebiz", "@womeninbusiness", "@techweekly", "@foodiesunite",
        "@travelbrief", "@designmilk", "@startupdaily", "@healthline",
    ]

    static let linkedinClosings = [
        "What would you add? Tell us in the comments.",
        "We're hiring across three teams: see the careers page for open roles.",
        "Thanks to everyone who made this possible. On to the next one.",
        "Curious how this could work for your team? Let's talk.",
    ]

    static let originalFilenames: [String: [String]] = [
        MediaType.image.rawValue: ["IMG_4821.JPG", "IMG_0093.HEIC", "DSC07734.jpg", "hero-final-v3.png",
                                   "Screenshot 2025-11-03 at 09.41.12.png", "新商品_01.jpg", "flat-lay_édition-été.jpg"],
        MediaType.video.rawValue: ["reel-cut-v2.mp4", "IMG_5120.MOV", "behind the scenes FINAL.mp4", "tutorial_15s.mp4",
                                   "unboxing (1).mov"],
        MediaType.gif.rawValue: ["sparkle-loop.gif", "countdown.gif", "thanks.gif"],
        MediaType.document.rawValue: ["Q3 results carousel.pdf", "case-study-2025.pdf", "Leitfaden_Wartung.pdf",
                                      "menu-autumn.pdf"],
    ]

    static let altTexts = [
        "A flat white in a ceramic cup on a wooden counter, morning light.",
        "Team of four laughing around a workbench.",
        "Close-up of the product packaging with a pink cherry blossom pattern.",
        "Chart showing quarter-on-quarter growth, bars rising left to right.",
        "",
    ]
}
