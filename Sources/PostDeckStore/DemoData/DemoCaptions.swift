/// Captions, hashtags and products per industry: what the demo's posts say. They mix
/// emoji (ZWJ sequences, skin tones, flags), Japanese, Chinese, German and Portuguese text,
/// mentions, URLs, line breaks, and long LinkedIn articles, because that is what a
/// calendar and a composer must lay out correctly.
enum DemoCaptions {
    static let industries: [String: DemoContent.Industry] = [
        "Food & Beverage": .init(
            captions: [
                "Monday fuel ☕️ Our new Ethiopia Yirgacheffe is here: jasmine, bergamot, a finish like black tea.\n\nOn bar at all locations until it's gone. #specialtycoffee #thirdwave",
                "Latte art Friday 🎨 Who poured it better, Maya or Theo? 👩🏽‍🍳 vs 👨🏻‍🍳\nVote in the comments 👇",
                "Oat milk or whole milk? We asked 1,200 of you. The results surprised us 🥛📊 Full breakdown: https://northwind.example/blog/milk-survey",
                "Rain outside, cinnamon buns inside 🌧️🥐 Fresh from the oven at 7am, every day this week.",
                "We're turning 10! 🎉 Ten years ago we roasted our first batch in a garage in Brooklyn. Thank you for every cup ☕❤️ #anniversary",
                "Cold brew season is officially open 🧊 Steeped for 18 hours, served on tap. @localmarket, see you Saturday!",
                "Meet our roaster, Daniela 👩🏾‍🔬 She cups 40 coffees a week to find the three we serve. #meettheteam #coffeeroaster",
                "Holiday Blend is back 🎄 Notes of dark chocolate, orange peel and clove. Ships worldwide 🌍 🇺🇸 🇬🇧 🇩🇪 🇯🇵",
            ],
            hashtags: ["#coffee", "#specialtycoffee", "#coffeelover", "#baristalife", "#latteart", "#shoplocal", "#coffeetime"],
            products: ["the Ethiopia Yirgacheffe", "our Oat Cortado", "the Holiday Blend", "cold brew on tap", "the pour-over bar"],
            nouns: ["Coffee Roasters", "Bakery", "Kitchen", "Tea House", "Craft Brewery", "Taqueria", "Creamery"]),
        "Healthcare": .init(
            captions: [
                "Flossing: daily or not at all? 🦷 Our hygienist Priya answers your most-asked question in 60 seconds. Link in bio.",
                "Welcome to the team, Dr. Okafor! 👨🏿‍⚕️ Dr. Okafor joins us from UCSF and speaks English, Igbo and Spanish.",
                "Nervous about your first visit? You're not alone. Here's exactly what happens, step by step 🧵\nhttps://lumen.example/first-visit",
                "Reminder: your insurance benefits reset on January 1 📅 Book your cleaning before the year ends.",
                "Sugar-free doesn't mean acid-free 🍋 Three drinks that are harder on your enamel than you think.",
                DemoCaptions.longHealthcare,
            ],
            hashtags: ["#dentalhealth", "#smile", "#oralcare", "#dentist", "#healthtips", "#wellness"],
            products: ["same-day crowns", "clear aligners", "our teeth-whitening kit", "the new 3D scanner"],
            nouns: ["Dental Studio", "Family Clinic", "Physio", "Eye Care", "Pediatrics", "Dermatology"]),
        "Fitness": .init(
            captions: [
                "Bora treinar! 💪🏽 Nova turma de HIIT às 6h30, segunda a sexta. Primeira aula grátis 🇧🇷",
                "Leg day doesn't have to be scary 🦵 Five moves, 20 minutes, zero equipment. Save this ✅",
                "Meet coach Ana 🏋🏽‍♀️ 12 years of strength training, 2 marathons, 1 very loud playlist 🎧",
                "Desafio de 30 dias começa segunda! Quem topa? Comenta \"EU\" 👇 #desafio30dias #verdefitness",
                "Rest days are training days too 😴 Here's how our coaches recover: mobility, sleep, and way too much açaí 🍇",
                "Transformation Tuesday 🙌 Marcos in January vs today. Consistency > intensity. (Shared with permission 💚)",
            ],
            hashtags: ["#fitness", "#treino", "#hiit", "#strength", "#fitfam", "#academia", "#motivation"],
            products: ["the 6:30 HIIT class", "the 30-day challenge", "our recovery lounge", "personal training packs"],
            nouns: ["Fitness", "Yoga Studio", "Climbing Gym", "CrossFit Box", "Pilates", "Boxing Club"]),
        "Logistics": .init(
            captions: [
                "Another record week at our Port Botany hub 🚢 48,000 TEU moved with a 99.2% on-time rate. Thank you to the crews on the ground.",
                "We're electrifying our last-mile fleet: 120 e-vans across Sydney and Melbourne by June ⚡🚚",
                "Peak season is coming. Book your Q4 capacity by 30 September to lock in rates. Details: https://atlasfreight.example/q4",
                DemoCaptions.longLogistics,
                "Safety first, always 🦺 612 days without a lost-time injury at our Brisbane DC. Proud of this team 👷🏽‍♀️👷🏻",
            ],
            hashtags: ["#logistics", "#supplychain", "#freight", "#shipping", "#sustainability"],
            products: ["our cold-chain service", "the new Brisbane DC", "real-time tracking", "the e-van fleet"],
            nouns: ["Freight", "Logistics", "Couriers", "Warehousing", "Transport Group"]),
        "Manufacturing": .init(
            captions: [
                "Präzision auf 2 µm 🔩 Unsere neue 5-Achs-Fräse ist in Betrieb. Danke an das Team in Halle 3!",
                "We're at Hannover Messe 2026 🇩🇪 Hall 17, booth B24. Come see the KM-500 live.",
                "Ausbildung bei Kessler: 14 neue Azubis starten diese Woche 🎓 Herzlich willkommen!",
                DemoCaptions.longManufacturing,
                "70 years, three generations, one promise: parts that fit the first time. #madeingermany",
                "Maintenance tip: check spindle runout every 500 operating hours. Our checklist (PDF) is in the comments 📄",
            ],
            hashtags: ["#manufacturing", "#engineering", "#madeingermany", "#industrie40", "#cnc", "#maschinenbau"],
            products: ["the KM-500 machining center", "our retrofit service", "the spindle checklist", "predictive maintenance"],
            nouns: ["Engineering", "Werkzeugbau", "Fabrication", "Industries", "Precision Parts"]),
        "Hospitality": .init(
            captions: [
                "Sunday roast is back 🍖🥔 Booking essential: link in bio. Dogs welcome on the terrace 🐕",
                "New on the wine list: a Bacchus from Kent 🍇🇬🇧 Crisp, elderflower, a little sea salt.",
                "Quiz night! 🧠 Every Wednesday from 7:30pm. Teams of up to six. Winner takes the bar tab 🏆",
                "Harbour views, oysters, and a very good Muscadet. Saturday sorted 🦪🌊",
                "We're hiring chefs de partie 👨‍🍳👩‍🍳 Four-day week, staff meals, and the best team in Bristol. Apply: https://harbourandvine.example/jobs",
            ],
            hashtags: ["#restaurant", "#foodie", "#sundayroast", "#winebar", "#bristolfood", "#eatlocal"],
            products: ["the Sunday roast", "the autumn tasting menu", "our Kentish wine flight", "the oyster bar"],
            nouns: ["Kitchen & Bar", "Bistro", "Hotel", "Inn", "Wine Bar", "Brasserie"]),
        "Beauty": .init(
            captions: [
                "春の新作、桜のハンドクリームが登場しました🌸 やさしい香りで、一日中しっとり。#さくらボタニクス #春コスメ",
                "敏感肌のためのスキンケア、3つのステップ✨ 詳しくはプロフィールのリンクから。",
                "Our cherry blossom hand cream is back 🌸 Made in Kyoto with rice bran oil and sakura extract.",
                "新しい店舗が渋谷にオープン！🎉 オープン記念で全商品10%オフ（4月30日まで）",
                "Skincare isn't one-size-fits-all 🧴 Find your routine in our 2-minute quiz: https://sakura.example/quiz",
                "限定パッケージ、本日発売。数量限定なのでお早めに💗 Limited edition, today only. 🇯🇵",
            ],
            hashtags: ["#skincare", "#jbeauty", "#スキンケア", "#コスメ", "#cleanbeauty", "#selfcare"],
            products: ["the sakura hand cream", "our rice-bran cleansing oil", "the 3-step sensitive-skin set", "the yuzu mist"],
            nouns: ["Botanics", "Skincare", "Beauty Bar", "Salon", "Cosmetics"]),
        "Financial Services": .init(
            captions: [
                "PayNow, cards or crypto? 💳 How 2,000 Singapore merchants want to be paid in 2026: our report is out.",
                "新加坡中小企业的跨境支付，现在只需一天到账 🌏 了解更多：https://lioncitypay.example/zh",
                "We're now licensed as a Major Payment Institution by MAS 🇸🇬 A big day for the team.",
                DemoCaptions.longFinance,
                "Scam alert ⚠️ We will never ask for your OTP. Report suspicious messages to scams@lioncitypay.example",
                "Meet the engineers behind our 99.99% uptime 👩🏻‍💻👨🏽‍💻 We're hiring in Singapore, Jakarta and Ho Chi Minh City.",
            ],
            hashtags: ["#fintech", "#payments", "#singapore", "#smebusiness", "#crossborder", "#金融科技"],
            products: ["instant cross-border payouts", "the merchant dashboard", "our 2026 payments report", "PayNow QR"],
            nouns: ["Capital", "Pay", "Wealth Partners", "Insurance", "Accounting"]),
        "Retail": .init(
            captions: [
                "Masala chai, the way Nani made it ☕🫚 Our new loose-leaf blend ships across India from today 🇮🇳",
                "Diwali gift boxes are here 🪔✨ Six blends, hand-packed in Kolkata. Order by 28 October for delivery before the festival.",
                "Chai pe charcha? Tag someone you'd share a cup with 👇 @foodiesunite",
                "From Assam to your cup in 9 days 🌱 Meet the growers behind our single-estate range.",
                "Weekend sale: 20% off everything with code CHAI20 🛍️ Ends Sunday midnight IST.",
            ],
            hashtags: ["#chai", "#tealover", "#madeinindia", "#shopsmall", "#giftideas", "#diwali"],
            products: ["the masala chai blend", "Diwali gift boxes", "single-estate Assam", "the brass tea set"],
            nouns: ["Collective", "Boutique", "Goods", "Market", "Home Store", "Outfitters"]),
    ]

    static let longHealthcare = paragraphs([
        "Last month we asked 400 patients what made them put off a dental visit. The top answer was not cost, and it was not pain. It was uncertainty: not knowing what would happen, how long it would take, or what it would cost until the very end.",
        "So we changed three things. First, every new patient now gets a written plan before any treatment starts, with each step, its price and its alternatives. Second, we moved to 60-minute first visits so nobody feels rushed. Third, we publish our waiting times on our website, updated every morning.",
        "The results after eight weeks: missed appointments fell by 31%, and the share of patients who completed their treatment plan rose from 64% to 82%. None of this needed new equipment. It needed us to explain ourselves better.",
        "We are sharing the templates we use for the written plans, free, for any practice that wants them. Healthcare works better when patients understand what is happening to them, and that should not be a competitive advantage.",
        "A few people asked whether written plans slow the practice down. They did, for about three weeks. Then the questions at the chair dropped, the follow-up calls dropped, and the hygienists got back the ten minutes per visit they used to spend re-explaining costs. We now think of the plan as part of the treatment, not paperwork around it.",
        "If you are a patient: ask for your plan in writing, wherever you are treated. You are entitled to understand it, and a good practice will be glad you asked.",
        "Thank you to Dr. Okafor, Priya and the front-desk team, who redesigned the process on their own time and then convinced the rest of us. #patientexperience #dentistry #healthcare",
    ])

    static let longLogistics = paragraphs([
        "Three years ago, 38% of our last-mile deliveries in Sydney needed a second attempt. Every failed delivery costs a customer a day and costs us a second van trip, fuel, and a driver's time.",
        "We tried the obvious things first: more SMS reminders, wider time windows, a better app. They helped a little. What actually moved the number was boring: we started asking receivers for one piece of information at booking time, namely where the parcel can be left safely, and we gave drivers five minutes of slack per route to use it.",
        "Today second attempts are down to 9%. That is roughly 1.4 million fewer van kilometres a year, or about 310 tonnes of CO₂, before counting the electric vans joining the fleet this year.",
        "The lesson for us was that logistics problems are usually information problems in disguise. The truck was never the bottleneck; the missing sentence at booking time was.",
        "If you run a warehouse or a delivery network and want to compare notes, my inbox is open. And if you want to help us get that 9% down to 5%, we are hiring route planners and data engineers in Sydney and Brisbane.",
        "A note on the drivers, because they rarely get one: every route change we made was tested with them first, and half of the best ideas came from the cab, not from the office. The five minutes of slack was their suggestion. So was the photo on delivery that ended most of the \"where is my parcel\" calls.",
        "#logistics #lastmile #supplychain #sustainability #operations",
    ])

    static let longManufacturing = paragraphs([
        "Wir werden oft gefragt, warum wir in Deutschland fertigen, obwohl es anderswo günstiger wäre. Die ehrliche Antwort passt nicht in einen Satz, deshalb hier etwas ausführlicher.",
        "Erstens: Unsere Kunden bauen Maschinen, die 30 Jahre laufen. Ein Bauteil, das nach fünf Jahren ausfällt, kostet sie mehr als jede Ersparnis beim Einkauf. Deshalb messen wir jedes kritische Teil zweimal, einmal in der Maschine und einmal im klimatisierten Messraum bei 20 °C.",
        "Second: our apprentices. Fourteen young people started with us this autumn. In three and a half years they will know every machine in Hall 3, and many of them will still be here in twenty years. That continuity is the reason we can hold tolerances of two microns across batches of ten thousand parts.",
        "Third: distance. When a customer in Stuttgart calls at 7am with a problem, one of our engineers can be on site by lunch. You cannot ship that service in a container.",
        "None of this means we ignore cost. Our new five-axis centre cut cycle times by 22%, and predictive maintenance has reduced unplanned downtime by almost half. But we compete on the total cost over the life of a machine, not on the price of a single part.",
        "Was heißt das konkret für unsere Kunden? Kürzere Lieferzeiten für Ersatzteile, weil wir die Zeichnungen seit Jahrzehnten im eigenen Haus haben. Ansprechpartner, die das Bauteil kennen, weil sie es selbst gefertigt haben. Und eine Fertigung, die auch in zehn Jahren noch da ist, wenn die Maschine ihre erste Generalüberholung braucht.",
        "Danke an alle Kolleginnen und Kollegen, die das jeden Tag möglich machen. #maschinenbau #madeingermany #engineering #ausbildung",
    ])

    static let longFinance = paragraphs([
        "Five lessons from processing our first billion dollars in cross-border payments for small businesses in Southeast Asia:",
        "1. Speed matters less than predictability. Merchants told us they would rather be paid reliably in 24 hours than sometimes in 10 minutes and sometimes in three days. We rebuilt our settlement engine around a promise we can keep.",
        "2. FX transparency builds trust faster than low fees. When we started showing the mid-market rate beside our rate, support tickets about pricing fell by 70%, even though our margin did not change.",
        "3. Local payment methods are not a feature, they are the product. PayNow in Singapore, QRIS in Indonesia, VietQR in Vietnam: each launch grew volume in that market by more than any marketing campaign.",
        "4. Fraud moves faster than rules. We replaced 300 hand-written rules with a model retrained every night, and we still keep humans reviewing every case above a threshold.",
        "5. Regulators are partners. Getting our Major Payment Institution licence took 19 months of work with MAS, and the process made our controls much better.",
        "What comes next: instant payouts to Thailand and the Philippines, a merchant dashboard rebuilt with the feedback of 400 customers, and an open API so that accounting tools can reconcile payments automatically. We will share what we learn along the way, including the mistakes.",
        "谢谢我们的商户、合作伙伴和团队。The next billion starts today. #fintech #payments #singapore #southeastasia",
    ])

    /// The caption that must be flagged: Instagram stops at 2,200 characters.
    static let overlongInstagram = paragraphs([
        "A love letter to our regulars, on our fifth birthday 🥂🎂",
        "Five years ago we opened the doors of a tiny harbour-side bar with eleven stools, a borrowed espresso machine and a menu that fit on a postcard. We had no idea whether anybody would come. You came. You came on the rainy Tuesdays and the sold-out Saturdays, you came for first dates and for farewell drinks, and some of you came every single Friday for five years (you know who you are, table six 👋🏼).",
        "Since then we have poured roughly 61,000 glasses of wine, shucked 38,000 oysters, hosted 212 quiz nights, survived one flood, two kitchen fires (small ones, promise) and a pandemic that closed our doors for 143 days. Through all of it you bought vouchers, you ordered takeaway roasts, you left kind notes under the door. We read every one of them, and a few are framed in the corridor to the loo.",
        "We want to say thank you properly. So on Saturday the 14th, from noon until late, the first glass is on us for anyone who walks through the door. There will be oysters, there will be the Bacchus from Kent that half of you have made your personal mission to finish, there will be a ceilidh band from 8pm whether you like it or not, and there will be cake baked by Chef Ines, who has threatened to quit if we call it anything other than a gâteau.",
        "To our team, past and present: the dishwashers, the runners, the bartenders who remember everyone's order, the chefs who came in on their days off, and Marta, who has run the floor since day one and has never once let a table wait too long. This place is yours as much as ours.",
        "To our neighbours on the quay, the fishermen who bring us the catch at 6am, the growers in Kent and Somerset, and the brewers down the road: thank you for making it possible to serve something local every day.",
        "A few practical notes, because you always ask: the terrace will be open if the weather holds (it will not), the kitchen serves until 10pm, dogs are welcome as always, there is step-free access through the side door on the quay, and we will have a quiet room upstairs for anyone who wants the party without the ceilidh. Children are welcome until 7pm. Buses 8 and 9 run late, and there is bike parking on the harbour wall.",
        "If you cannot make it on the day, drop in any time that week and tell us a favourite memory from the last five years; the best ones will go on the wall by the bar, next to the photo of the flood.",
        "And to you, reading this: thank you. Come and see us. Bring someone who has never been. Here's to the next five years 🥂🌊🦪 #harbourandvine #fiveyears #bristol #thankyou #eatlocal #independentrestaurant #bristolfood",
    ])

    private static func paragraphs(_ parts: [String]) -> String { parts.joined(separator: "\n\n") }
}
