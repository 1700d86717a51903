import FoundationEssentials
import PostDeckCore
import PostDeckStore

/// Every write of posts this session made, for `u` (undo) and `Ctrl-r` (redo): a real
/// stack, composer saves included.
///
/// Each entry is guarded by the `updated_at` our own last write of that post left: undoing
/// or redoing an entry stamps the post anew, and the stamp is handed to the next entry of the
/// same post on the other stack. So "someone else changed this post" is said only when
/// someone else did.
struct WriteHistory: Equatable {
    struct Entry: Equatable {
        let record: PostWriteRecord
        /// What the write did, as a phrase: "moved “Spring launch” to Tue 1 Dec 14:00".
        let label: String
        /// The stamp the post carries in the state this entry left it in (after, on the undo
        /// stack; before, on the redo stack).
        var stamp: Date?

        var post: PostID { record.post }
    }

    private(set) var done: [Entry] = []
    private(set) var undone: [Entry] = []

    /// How many writes are kept.
    static let limit = 100

    var nextUndo: Entry? { done.last }
    var nextRedo: Entry? { undone.last }

    /// A new write: it goes on the undo stack, and what was undone can no longer be redone.
    mutating func record(_ record: PostWriteRecord, label: String) {
        done.append(Entry(record: record, label: label, stamp: record.stamp))
        if done.count > Self.limit { done.removeFirst() }
        undone.removeAll()
    }

    /// The change that undoes the newest entry, guarded by its stamp.
    var undoChange: (post: PostID, change: PostChange, stamp: Date?)? {
        nextUndo.map { ($0.post, .restore(from: $0.record.after, to: $0.record.before), $0.stamp) }
    }

    var redoChange: (post: PostID, change: PostChange, stamp: Date?)? {
        nextRedo.map { ($0.post, .restore(from: $0.record.before, to: $0.record.after), $0.stamp) }
    }

    /// The newest entry was undone; the post now carries `stamp`.
    mutating func undid(stamp: Date?) {
        guard var entry = done.popLast() else { return }
        entry.stamp = stamp
        undone.append(entry)
        // The post is back in the state the previous write of it left: that entry is now
        // guarded by the stamp the undo left.
        if let index = done.lastIndex(where: { $0.post == entry.post }) { done[index].stamp = stamp }
    }

    /// The newest undone entry was done again; the post now carries `stamp`.
    mutating func redid(stamp: Date?) {
        guard var entry = undone.popLast() else { return }
        entry.stamp = stamp
        done.append(entry)
        if let index = undone.lastIndex(where: { $0.post == entry.post }) { undone[index].stamp = stamp }
    }

    /// An entry that can no longer be undone (or redone): someone else changed the post.
    mutating func dropUndo() { _ = done.popLast() }
    mutating func dropRedo() { _ = undone.popLast() }
}
