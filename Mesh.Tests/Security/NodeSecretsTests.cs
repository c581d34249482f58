using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mesh.Core.Control;
using Mesh.Tests.Node;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Security;

/// <summary>
/// One real <c>mesh-node</c> at Debug log level, with a secret in its environment and its control socket in a
/// directory every user can enter, runs one task; the tests then check the node's files, logs, socket and the
/// task's environment (promises 4 as root, 5, 6 and 7 of README.md).
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed partial class NodeSecretsTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Connects to the socket in argv[1] and prints the answer's status line, or the errno that refused it.</summary>
    private const string SocketClientScript = """
        import errno, socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        try:
            s.connect(sys.argv[1])
        except OSError as e:
            print("refused", errno.errorcode.get(e.errno, e.errno))
            sys.exit(1)
        s.sendall(b"GET /v1/node HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        print(s.makefile("rb").readline().decode().strip())
        """;

    private readonly string _secret = "mesh-secret-" + Guid.NewGuid().ToString("N");
    private DirectoryInfo _work = null!;
    private NodeProcess _node = null!;
    private string _dataDir = null!;
    private string _socket = null!;
    private string _taskOutput = null!;

    [OneTimeSetUp]
    public async Task StartNodeAndRunATaskAsync()
    {
        _work = Directory.CreateTempSubdirectory("mesh-sec-");

        // Everyone may enter the work dir, so only the socket's own mode keeps other users out.
        File.SetUnixFileMode(_work.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        _dataDir = Path.Combine(_work.FullName, "data");
        _socket = Path.Combine(_work.FullName, "control.sock");
        _node = NodeProcess.StartWith(
            new Dictionary<string, string> { ["MESH_LOG_LEVEL"] = "Debug", ["MESH_SECRET_TEST"] = _secret },
            "--data-dir", _dataDir, "--control", "unix:" + _socket, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns");
        await _node.WaitForListenAddressAsync();
        Assert.That(await _node.WaitForStdoutAsync("control API on unix:", TimeSpan.FromSeconds(30)), Is.True, _node.Stderr);
        _taskOutput = await RunTaskAsync(["sh", "-c", "echo uid=$(id -u); env"], new Dictionary<string, string> { ["GIVEN"] = "yes" });
    }

    [OneTimeTearDown]
    public async Task StopNodeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _work?.Delete(recursive: true);
    }

    [Test]
    public void DataDir_FirstStart_DirectoryIs0700AndKeysAre0600()
    {
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(_dataDir), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(File.GetUnixFileMode(Path.Combine(_dataDir, "identity.key")), Is.EqualTo(OwnerReadWrite));
            Assert.That(File.GetUnixFileMode(Path.Combine(_dataDir, "swarm.key")), Is.EqualTo(OwnerReadWrite));
        });
    }

    [Test]
    public void NodeOutput_DebugLevelAfterATask_HoldsNoPrivateKeyMaterial()
    {
        var output = _node.Stdout + _node.Stderr;
        Assert.That(output, Does.Contain("dbug"), "the node must really log at Debug, or a leak at that level goes unseen");

        foreach (var (what, text) in KeyForms())
        {
            Assert.That(output.Contains(text, StringComparison.OrdinalIgnoreCase), Is.False, $"the node printed {what}");
        }
    }

    [Test]
    public void Task_SecretInNodeEnvironment_IsNotInTheTaskEnvironment()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_taskOutput, Does.Contain("GIVEN=yes"), "the task's own variable must arrive, or the check below proves nothing");
            Assert.That(_taskOutput, Does.Not.Contain(_secret));
            Assert.That(_taskOutput, Does.Not.Contain("MESH_SECRET_TEST"));
        });
    }

    [Test]
    public void Task_NodeRunsAsRoot_RunsAsAnotherUser()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("The test process (and so the node) is not root: there is no root to drop.");
        }

        var uid = UidLine().Match(_taskOutput);
        Assert.That(uid.Success, Is.True, _taskOutput);
        Assert.That(int.Parse(uid.Groups[1].Value, CultureInfo.InvariantCulture), Is.Not.Zero);
    }

    [Test]
    public async Task ControlSocket_Running_IsMode0600AndOwnedByTheNodesUser()
    {
        var owner = await ToolProcess.RunAsync("stat", "-c", "%u", _socket);
        var self = await ToolProcess.RunAsync("id", "-u");

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(_socket), Is.EqualTo(OwnerReadWrite));
            Assert.That(owner.ExitCode, Is.Zero, owner.ToString());
            Assert.That(owner.Stdout.Trim(), Is.EqualTo(self.Stdout.Trim()), "the node runs as the test's user");
        });
    }

    [Test]
    public async Task ControlSocket_ClientAsAnotherUser_IsRefused()
    {
        var setpriv = ToolProcess.Find("/usr/bin/setpriv", "/bin/setpriv");
        var python = ToolProcess.Find("/usr/bin/python3");
        if (!Environment.IsPrivilegedProcess || setpriv is null || python is null)
        {
            Assert.Ignore("Needs root (to switch to uid 65534), setpriv and /usr/bin/python3; missing: "
                + string.Join(", ", new[] { Environment.IsPrivilegedProcess ? null : "root", setpriv is null ? "setpriv" : null, python is null ? "python3" : null }.OfType<string>()));
        }

        string[] client = [python, "-c", SocketClientScript, _socket];
        var asOwner = await ToolProcess.RunAsync(client);
        var asStranger = await ToolProcess.RunAsync([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", .. client]);

        Assert.Multiple(() =>
        {
            Assert.That(asOwner.Stdout, Does.StartWith("HTTP/1.1 200"), "the same client as the node's user must get an answer: " + asOwner);
            Assert.That(asStranger.Stdout.Trim(), Is.EqualTo("refused EACCES"), asStranger.ToString());
        });
    }

    /// <summary>Every spelling of the private keys a log line might carry: whole files and the bare seed, in base64 and hex.</summary>
    private IEnumerable<(string What, string Text)> KeyForms()
    {
        var identityFile = File.ReadAllBytes(Path.Combine(_dataDir, "identity.key"));
        Assert.That(identityFile, Has.Length.EqualTo(68), "an Ed25519 libp2p key file: 4 bytes of protobuf, seed, public key");
        var seed = identityFile[4..36];
        yield return ("the identity key file in base64", Convert.ToBase64String(identityFile));
        yield return ("the identity key file in hex", Convert.ToHexString(identityFile));
        yield return ("the identity seed in base64", Convert.ToBase64String(seed));
        yield return ("the identity seed in hex", Convert.ToHexString(seed));

        var keyLine = File.ReadAllLines(Path.Combine(_dataDir, "swarm.key")).Last(l => l.Length > 0).Trim();
        Assert.That(keyLine, Has.Length.EqualTo(64), "the swarm.key's last line is the key in hex");
        yield return ("the swarm.key's key line", keyLine);
        yield return ("the mesh key in base64", Convert.ToBase64String(Convert.FromHexString(keyLine)));
    }

    private async Task<string> RunTaskAsync(string[] argv, Dictionary<string, string> environment)
    {
        using var client = UnixSocketHttp.Create(_socket);
        using var submitted = await client.PostAsync("/v1/tasks", new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new SubmitTaskRequest { Argv = argv, Env = environment }, ControlJsonContext.Default.SubmitTaskRequest)));
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync(ControlJsonContext.Default.SubmitTaskResponse))!.Ids[0];

        using var output = await client.GetAsync($"/v1/tasks/{id}/output?follow=true", HttpCompletionOption.ResponseHeadersRead);
        var text = new StringBuilder();
        using (var reader = new StreamReader(await output.Content.ReadAsStreamAsync()))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                text.Append(Encoding.UTF8.GetString(JsonSerializer.Deserialize(line, ControlJsonContext.Default.TaskOutputView)!.Data));
            }
        }

        using var waited = await client.PostAsync($"/v1/tasks/{id}/wait", null);
        var status = await waited.Content.ReadFromJsonAsync(ControlJsonContext.Default.TaskStatusView);
        Assert.That(status!.ExitCode, Is.Zero, $"{status.State} {status.Error}: {text}");
        return text.ToString();
    }

    [GeneratedRegex(@"^uid=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex UidLine();
}
