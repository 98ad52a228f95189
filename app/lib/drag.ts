// The dataTransfer type a palette drag carries. A private MIME type means the
// canvas ignores text or links dragged in from elsewhere.
export const NODE_MIME = 'application/x-latent-studio-node';
