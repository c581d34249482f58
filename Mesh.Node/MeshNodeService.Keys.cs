using Mesh.Libp2p;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;

namespace Mesh.Node;

/// <summary>Loading (or making) the identity key and the mesh key.</summary>
internal sealed partial class MeshNodeService
{
    private IdentityKey LoadIdentity()
    {
        try
        {
            var identity = IdentityKeyFile.LoadOrCreate(options.IdentityKeyPath, out var created);
            if (created)
            {
                LogIdentityCreated(_logger, identity.PeerId, options.IdentityKeyPath);
            }

            return identity;
        }
        catch (Libp2pException ex)
        {
            throw new NodeStartException($"{ex.Message} Move the file away to make a new identity (the node's peer id changes).", ex);
        }
    }

    private PreSharedKey LoadMeshKey()
    {
        try
        {
            if (options.MeshKeyFile is { } given)
            {
                return PreSharedKey.Load(given);
            }

            var key = PreSharedKey.LoadOrCreate(options.MeshKeyPath, out var created);
            if (created)
            {
                Console.Out.WriteLine($"created a new mesh key in {options.MeshKeyPath} (fingerprint {key.Fingerprint}).");
                Console.Out.WriteLine($"To let another machine join this mesh, copy that file to it and start it with --mesh-key FILE, or place it at DATA_DIR/swarm.key there.");
            }

            return key;
        }
        catch (Exception ex) when (ex is Libp2pException or SwarmKeyFileException)
        {
            throw new NodeStartException(ex.Message, ex);
        }
    }
}
