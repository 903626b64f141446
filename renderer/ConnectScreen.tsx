/** Shown before the app can talk to core: while connecting, or why it cannot. */
export function ConnectScreen(props: { state: 'connecting' } | { state: 'failed'; message: string }) {
  return (
    <main className="connect-screen">
      <h1 className="brand">Lede</h1>
      {props.state === 'connecting' ? (
        <p role="status">Opening your library…</p>
      ) : (
        <div role="alert" className="connect-error">
          <h2>Lede cannot open here</h2>
          <p>{props.message}</p>
        </div>
      )}
    </main>
  );
}
