using Mesh.Libp2p.Yamux;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxOptionsTests
{
    [Test]
    public void Validate_Defaults_Pass()
    {
        Assert.DoesNotThrow(() => new YamuxOptions().Validate());
    }

    [Test]
    public void Validate_MaxReceiveWindowBelowInitial_NamesTheOption()
    {
        var options = new YamuxOptions { MaxReceiveWindowSize = YamuxOptions.InitialWindowSize - 1 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(YamuxOptions.MaxReceiveWindowSize)));
    }

    [Test]
    public void Validate_NegativeKeepAlive_NamesTheOption()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(YamuxOptions.KeepAliveInterval)));
    }

    [Test]
    public void Validate_ZeroWriteTimeout_NamesTheOption()
    {
        var options = new YamuxOptions { WriteTimeout = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(YamuxOptions.WriteTimeout)));
    }

    [Test]
    public void Validate_InfiniteWriteTimeoutAndNoKeepAlive_Pass()
    {
        var options = new YamuxOptions { WriteTimeout = Timeout.InfiniteTimeSpan, KeepAliveInterval = TimeSpan.Zero };

        Assert.DoesNotThrow(options.Validate);
    }
}
