using Mesh.Core.Journal;

namespace Mesh.Tests.Core.Journal;

public sealed class JournalOptionsTests
{
    [Test]
    public void Validate_Defaults_WithPath_Passes()
    {
        Assert.That(() => new JournalOptions { Path = "/tmp/journal.log" }.Validate(), Throws.Nothing);
    }

    [TestCase(JournalOptions.MinEntryBytes - 1)]
    [TestCase(JournalFormat.MaxEntryBytes + 1)]
    public void Validate_MaxEntryBytesOutOfRange_NamesIt(int value)
    {
        var options = new JournalOptions { Path = "/tmp/journal.log", MaxEntryBytes = value };

        Assert.That(options.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(JournalOptions.MaxEntryBytes)));
    }
}
